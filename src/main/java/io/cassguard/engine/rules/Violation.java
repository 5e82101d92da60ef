package io.cassguard.engine.rules;

/**
 * One thing a rule found wrong with a change. A {@code warningOnly} violation is never a denial, whatever the
 * rule's action (e.g. a patch-level downgrade under {@code version-downgrade}).
 *
 * @param failure the rule could not be evaluated at all (a defect of cassguard), so it refuses to be safe
 */
public record Violation(String message, boolean warningOnly, boolean failure) {

    public static Violation refuse(String message) {
        return new Violation(message, false, false);
    }

    public static Violation warn(String message) {
        return new Violation(message, true, false);
    }

    public static Violation failure(String message) {
        return new Violation(message, false, true);
    }
}
