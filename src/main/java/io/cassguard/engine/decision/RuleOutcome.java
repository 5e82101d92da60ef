package io.cassguard.engine.decision;

import io.cassguard.model.Verdict;

/** What one rule's violation came to once its action, and any override, were applied. */
public record RuleOutcome(String ruleId, Verdict result, String message) {

    /** The line of a denial message or a warning: the rule id in brackets first. */
    public String line() {
        return "[" + ruleId + "] " + message;
    }
}
