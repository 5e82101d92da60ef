package io.cassguard.model;

/** What a rule's violation does (docs/rules.md). */
public enum Action {
    /** Deny the request. */
    Enforce,
    /** Allow it with a warning to the user. */
    Warn,
    /** Allow it and only record the violation. */
    Audit,
    /** Do not evaluate the rule. */
    Disabled
}
