package io.cassguard.engine.decision;

import io.cassguard.engine.cluster.GuardedKind;
import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.engine.cluster.GuardedRequestReader;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.policy.CompiledPolicy;
import io.cassguard.engine.policy.InvalidPolicyException;
import io.cassguard.engine.policy.PolicyCompiler;
import io.cassguard.engine.policy.PolicyStore;
import io.cassguard.engine.rules.RuleContext;
import io.cassguard.model.AdmissionRequest;
import io.cassguard.model.MalformedObjectException;
import io.cassguard.model.Operation;
import io.cassguard.model.Verdict;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides a validation request: finds the policy, runs its rules, applies exemptions and break-glass overrides
 * (docs/rules.md, docs/policy.md). Nothing here knows any one rule.
 */
public final class ValidationEngine {

    public static final String MALFORMED_OBJECT = "malformed-object";

    private final GuardedRequestReader reader;
    private final PolicyStore policies;
    private final PolicyCompiler compiler;
    private final RuleRunner runner;
    private final LiveState liveState;

    public ValidationEngine(GuardedRequestReader reader, PolicyStore policies, PolicyCompiler compiler, RuleRunner runner,
                            LiveState liveState) {
        this.reader = reader;
        this.policies = policies;
        this.compiler = compiler;
        this.runner = runner;
        this.liveState = liveState;
    }

    public Decision validate(AdmissionRequest admission) {
        GuardedRequest request;
        try {
            Optional<GuardedRequest> guarded = reader.read(admission);
            if (guarded.isEmpty()) {
                return Decision.allowed(null, null);
            }
            request = guarded.get();
        } catch (MalformedObjectException e) {
            return malformed(null, admission.kind() + " " + admission.name() + ": " + e.getMessage());
        }
        if (request.kind() == GuardedKind.GUARDRAIL_POLICY) {
            return validatePolicy(request);
        }
        if (specUnchanged(request)) {
            // The operators write status and annotations through the main resource (CassKop's v1alpha1 has no status
            // subresource), and a change of metadata alone moves no node: never stand in their way.
            return Decision.allowed(request, null);
        }
        Optional<CompiledPolicy> selected = policies.select(admission.namespace(), request.labels(),
                liveState.namespaceLabels(admission.namespace()));
        if (selected.isEmpty()) {
            return Decision.allowed(request, null);
        }
        CompiledPolicy policy = selected.get();
        if (request.operatorManaged(liveState) && BreakGlass.isOperator(policy.spec().operators, admission)) {
            // the operator carries out a change of its own resource, judged there when it was made (docs/kinds.md)
            return Decision.allowed(request, policy.name());
        }
        if (BreakGlass.isExempt(policy.spec().exemptions, admission)) {
            return new Decision(request, Verdict.EXEMPTED, policy.name(), List.of(), List.of(), List.of(), null);
        }
        Set<String> ignoredKeyspaces = policy.ignoredKeyspaces();
        List<RuleResult> results = runner.run(new RuleContext<>(request, null, liveState, ignoredKeyspaces), policy);
        return decide(request, policy, results.stream()
                .map(result -> withWorkingNextStep(request, policy, result, results, ignoredKeyspaces)).toList());
    }

    /**
     * A denial whose suggested next step would itself be refused by an enforced rule says so instead (docs/rules.md). A
     * refusal the change itself also gets, word for word, is about the cluster's state (e.g. not healthy), not about
     * the step: it does not count against the step.
     */
    private RuleResult withWorkingNextStep(GuardedRequest request, CompiledPolicy policy, RuleResult result,
                                           List<RuleResult> results, Set<String> ignoredKeyspaces) {
        if (result.verdict() != Verdict.DENIED || result.nextStep() == null) {
            return result;
        }
        AdmissionRequest admission = request.request();
        AdmissionRequest step = new AdmissionRequest(admission.uid(), admission.group(), admission.version(), admission.kind(),
                admission.resource(), admission.subResource(), Operation.UPDATE, admission.namespace(), admission.name(),
                admission.user(), admission.groups(), admission.dryRun(), result.nextStep().object(), admission.oldObject());
        Optional<GuardedRequest> guarded;
        try {
            guarded = reader.read(step);
        } catch (MalformedObjectException e) {
            return result;
        }
        if (guarded.isEmpty()) {
            return result;
        }
        List<String> refusing = runner.run(new RuleContext<>(guarded.get(), null, liveState, ignoredKeyspaces), policy).stream()
                .filter(stepResult -> stepResult.verdict() == Verdict.DENIED)
                .filter(stepResult -> results.stream().noneMatch(own -> own.ruleId().equals(stepResult.ruleId())
                        && own.message().equals(stepResult.message())))
                .map(RuleResult::ruleId).distinct().toList();
        if (refusing.isEmpty()) {
            return result;
        }
        return new RuleResult(result.ruleId(), result.action(), result.verdict(),
                result.nextStep().whenRefused().apply(String.join(", ", refusing) + " of policy " + policy.name()),
                result.failed(), null);
    }

    private Decision validatePolicy(GuardedRequest request) {
        if (request.operation() == Operation.DELETE) {
            return Decision.allowed(request, null);
        }
        try {
            compiler.compile(request.request().object(), "admission");
            return Decision.allowed(request, null);
        } catch (InvalidPolicyException e) {
            return malformed(request, "GuardrailPolicy " + request.objectName() + " is invalid: " + e.getMessage());
        }
    }

    private static Decision malformed(GuardedRequest request, String message) {
        return new Decision(request, Verdict.DENIED, null,
                List.of(new RuleOutcome(MALFORMED_OBJECT, Verdict.DENIED, message)), List.of(), List.of(),
                "Fix the object; malformed-object cannot be overridden.");
    }

    private static boolean specUnchanged(GuardedRequest request) {
        AdmissionRequest admission = request.request();
        return request.kind().isOperatorResource() && admission.operation() == Operation.UPDATE
                && admission.object() != null && admission.oldObject() != null
                && Objects.equals(admission.object().get("spec"), admission.oldObject().get("spec"));
    }

    /** Applies break-glass overrides to the denials and sums the outcomes up into one verdict. */
    private static Decision decide(GuardedRequest request, CompiledPolicy policy, List<RuleResult> results) {
        List<RuleOutcome> outcomes = results.stream().filter(result -> !result.passed())
                .map(result -> new RuleOutcome(result.ruleId(), result.verdict(), result.message())).toList();
        List<String> passed = results.stream().filter(RuleResult::passed).map(RuleResult::ruleId).toList();
        BreakGlass.Applied applied = BreakGlass.apply(request, policy.name(), policy.spec().overrides, outcomes);
        Verdict verdict = summarise(applied.outcomes());
        String hint = verdict == Verdict.DENIED
                ? BreakGlass.hint(request, applied.outcomes(), policy.name(), policy.spec().overrides) : null;
        return new Decision(request, verdict, policy.name(), applied.outcomes(), passed, applied.notes(), hint);
    }

    private static Verdict summarise(List<RuleOutcome> outcomes) {
        for (Verdict verdict : List.of(Verdict.DENIED, Verdict.OVERRIDDEN, Verdict.WARNED, Verdict.AUDITED)) {
            if (outcomes.stream().anyMatch(outcome -> outcome.result() == verdict)) {
                return verdict;
            }
        }
        return Verdict.ALLOWED;
    }
}
