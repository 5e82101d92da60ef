package io.cassguard.engine.policy;

import io.cassguard.model.Action;

/** A rule's action and parameters as one policy sets them. */
public record RuleSettings(Action action, Object parameters) {
}
