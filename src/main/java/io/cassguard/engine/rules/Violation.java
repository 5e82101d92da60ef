package io.cassguard.engine.rules;

/**
 * One thing a rule found wrong with a change. A {@code warningOnly} violation is never a denial, whatever the
 * rule's action (e.g. a patch-level downgrade under {@code version-downgrade}).
 */
public record Violation(String message, boolean warningOnly) {

    public static Violation refuse(String message) {
        return new Violation(message, false);
    }

    public static Violation warn(String message) {
        return new Violation(message, true);
    }
}
