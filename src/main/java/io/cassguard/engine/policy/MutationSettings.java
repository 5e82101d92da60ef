package io.cassguard.engine.policy;

/** Whether a mutation runs, and its parameters, as one policy sets them. */
public record MutationSettings(boolean enabled, Object parameters) {
}
