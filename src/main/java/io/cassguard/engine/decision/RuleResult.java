package io.cassguard.engine.decision;

import io.cassguard.engine.rules.NextStep;
import io.cassguard.model.Action;
import io.cassguard.model.Verdict;

/**
 * What one rule found, with the policy's action applied: {@link Verdict#ALLOWED} for a pass, else one result per
 * violation.
 *
 * @param failed   the rule could not be evaluated (a defect of cassguard): enforced, it refuses
 * @param nextStep the step the message suggests, or null
 */
public record RuleResult(String ruleId, Action action, Verdict verdict, String message, boolean failed, NextStep nextStep) {

    static RuleResult pass(String ruleId, Action action) {
        return new RuleResult(ruleId, action, Verdict.ALLOWED, "passed", false, null);
    }

    public boolean passed() {
        return verdict == Verdict.ALLOWED;
    }
}
