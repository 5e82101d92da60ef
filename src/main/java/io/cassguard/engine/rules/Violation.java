package io.cassguard.engine.rules;

/**
 * One thing a rule found wrong with a change. A {@code warningOnly} violation is never a denial, whatever the
 * rule's action (e.g. a patch-level downgrade under {@code version-downgrade}).
 *
 * @param failure  the rule could not be evaluated at all (a defect of cassguard), so it refuses to be safe
 * @param nextStep the step the message suggests, to be checked before it is suggested; null when it suggests none
 */
public record Violation(String message, boolean warningOnly, boolean failure, NextStep nextStep) {

    public static Violation refuse(String message) {
        return new Violation(message, false, false, null);
    }

    /** A refusal whose message suggests {@code nextStep}. */
    public static Violation refuse(String message, NextStep nextStep) {
        return new Violation(message, false, false, nextStep);
    }

    public static Violation warn(String message) {
        return new Violation(message, true, false, null);
    }

    public static Violation failure(String message) {
        return new Violation(message, false, true, null);
    }
}
