package io.cassguard.engine.decision;

import io.cassguard.model.Verdict;
import io.cassguard.engine.cluster.GuardedRequest;

import java.util.List;

/**
 * The validation answer for one request.
 *
 * @param request      the guarded request, or null when cassguard did not guard it (or could not read it)
 * @param policy       the policy that decided, or null
 * @param outcomes     every rule outcome other than a pass, in rule order
 * @param passed       the rules that ran and found nothing
 * @param notes        further lines of a denial that belong to no rule (a refused override)
 * @param overrideHint the last line of a denial: the annotation that would override it
 */
public record Decision(GuardedRequest request, Verdict verdict, String policy, List<RuleOutcome> outcomes,
                       List<String> passed, List<String> notes, String overrideHint) {

    /** The API server shows warnings as they are; longer ones clutter kubectl output. */
    public static final int MAX_WARNING_LENGTH = 120;

    public static Decision allowed(GuardedRequest request, String policy) {
        return new Decision(request, Verdict.ALLOWED, policy, List.of(), List.of(), List.of(), null);
    }

    public boolean isAllowed() {
        return verdict != Verdict.DENIED;
    }

    public List<RuleOutcome> outcomes(Verdict result) {
        return outcomes.stream().filter(outcome -> outcome.result() == result).toList();
    }

    /** {@code status.message} of a denial: one line per refused rule, then the notes, then how to override. */
    public String denialMessage() {
        StringBuilder message = new StringBuilder();
        outcomes(Verdict.DENIED).forEach(outcome -> message.append(outcome.line()).append('\n'));
        notes.forEach(note -> message.append(note).append('\n'));
        if (overrideHint != null) {
            message.append(overrideHint);
        }
        return message.toString().strip();
    }

    /** {@code response.warnings}: rules in Warn mode, warning-only findings, and the overrides used. */
    public List<String> warnings() {
        return outcomes.stream()
                .filter(outcome -> outcome.result() == Verdict.WARNED || outcome.result() == Verdict.OVERRIDDEN)
                .map(RuleOutcome::line)
                .toList();
    }

    /** The warnings as the webhook answers them and kubectl shows them: each cut to {@link #MAX_WARNING_LENGTH}. */
    public List<String> shownWarnings() {
        return shown(warnings());
    }

    /** Warnings of a validation or a mutation as the webhooks answer them: each cut to {@link #MAX_WARNING_LENGTH}. */
    public static List<String> shown(List<String> warnings) {
        return warnings.stream()
                .map(w -> w.length() <= MAX_WARNING_LENGTH ? w : w.substring(0, MAX_WARNING_LENGTH - 1) + "…")
                .toList();
    }
}
