package io.cassguard.policy;

import io.cassguard.rules.Action;

/** A rule's action and parameters as one policy sets them. */
public record RuleSettings(Action action, Object parameters) {
}
