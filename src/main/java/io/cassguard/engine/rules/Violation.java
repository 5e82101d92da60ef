package io.cassguard.engine.rules;

/**
 * One thing a rule found wrong with a change.
 *
 * @param kind     what the finding amounts to before the rule's action applies
 * @param nextStep the step the message suggests, to be checked before it is suggested; null when it suggests none
 */
public record Violation(String message, Kind kind, NextStep nextStep) {

    public enum Kind {
        /** Refused when the rule is enforced. */
        REFUSAL,
        /** Never a denial, whatever the rule's action (e.g. a patch-level downgrade under {@code version-downgrade}). */
        WARNING,
        /** The rule could not be evaluated at all (a defect of cassguard): enforced, it refuses, to be safe. */
        RULE_FAILURE
    }

    public static Violation refuse(String message) {
        return new Violation(message, Kind.REFUSAL, null);
    }

    /** A refusal whose message suggests {@code nextStep}. */
    public static Violation refuse(String message, NextStep nextStep) {
        return new Violation(message, Kind.REFUSAL, nextStep);
    }

    public static Violation warn(String message) {
        return new Violation(message, Kind.WARNING, null);
    }

    /** The same finding with its message after {@code prefix}, e.g. the datacenters it concerns. */
    public Violation prefixed(String prefix) {
        return new Violation(prefix + message, kind, nextStep);
    }

    public static Violation ruleFailure(String message) {
        return new Violation(message, Kind.RULE_FAILURE, null);
    }
}
