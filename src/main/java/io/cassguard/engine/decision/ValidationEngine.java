package io.cassguard.engine.decision;

import io.cassguard.engine.rules.Rule;
import io.cassguard.engine.rules.RuleContext;
import io.cassguard.engine.rules.Violation;
import io.cassguard.model.Action;
import io.cassguard.model.Verdict;
import io.cassguard.model.AdmissionRequest;
import io.cassguard.model.Operation;
import io.cassguard.engine.cluster.Annotations;
import io.cassguard.engine.cluster.GuardedKind;
import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.engine.cluster.GuardedRequestReader;
import io.cassguard.model.MalformedObjectException;
import io.cassguard.service.metrics.TaggedMeters;
import io.cassguard.engine.policy.CompiledPolicy;
import io.cassguard.model.GuardrailPolicySpec;
import io.cassguard.engine.policy.InvalidPolicyException;
import io.cassguard.engine.policy.PolicyCompiler;
import io.cassguard.engine.policy.PolicyStore;
import io.cassguard.engine.policy.Catalog;
import io.cassguard.engine.policy.RuleSettings;
import io.cassguard.engine.cluster.LiveState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides a validation request: finds the policy, runs every enabled rule, applies actions, exemptions and
 * break-glass overrides (DESIGN §5, §6). Rules plug in as beans; nothing here knows any one rule.
 */
@ApplicationScoped
public class ValidationEngine {

    public static final String MALFORMED_OBJECT = "malformed-object";
    private static final Logger LOG = Logger.getLogger(ValidationEngine.class);

    private final GuardedRequestReader reader;
    private final PolicyStore policies;
    private final PolicyCompiler compiler;
    private final Catalog catalog;
    private final LiveState liveState;
    private final TaggedMeters<Counter> ruleResults;

    public ValidationEngine(GuardedRequestReader reader, PolicyStore policies, PolicyCompiler compiler, Catalog catalog,
                            LiveState liveState, MeterRegistry metrics) {
        this.reader = reader;
        this.policies = policies;
        this.compiler = compiler;
        this.catalog = catalog;
        this.liveState = liveState;
        this.ruleResults = TaggedMeters.counters(metrics, "cassguard.rule.results", "rule", "result");
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
            // CassKop writes status and annotations through the main resource: never stand in its way.
            return Decision.allowed(request, null);
        }
        Optional<CompiledPolicy> selected = policies.select(admission.namespace(), request.labels(),
                liveState.namespaceLabels(admission.namespace()));
        if (selected.isEmpty()) {
            return Decision.allowed(request, null);
        }
        CompiledPolicy policy = selected.get();
        if (isExempt(policy.spec().exemptions, admission)) {
            return new Decision(request, Verdict.EXEMPTED, policy.name(), List.of(), List.of(), null);
        }
        return decide(request, policy, evaluate(request, policy));
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
                List.of(new RuleOutcome(MALFORMED_OBJECT, Verdict.DENIED, message)), List.of(),
                "Fix the object; malformed-object cannot be overridden.");
    }

    private static boolean specUnchanged(GuardedRequest request) {
        AdmissionRequest admission = request.request();
        return request.kind() == GuardedKind.CASSANDRA_CLUSTER && admission.operation() == Operation.UPDATE
                && admission.object() != null && admission.oldObject() != null
                && Objects.equals(admission.object().get("spec"), admission.oldObject().get("spec"));
    }

    private static boolean isExempt(GuardrailPolicySpec.Exemptions exemptions, AdmissionRequest admission) {
        return exemptions.users.contains(admission.user()) || admission.groups().stream().anyMatch(exemptions.groups::contains);
    }

    /** Runs every enabled rule; a violation's result follows the rule's action. */
    private List<RuleOutcome> evaluate(GuardedRequest request, CompiledPolicy policy) {
        List<RuleOutcome> outcomes = new ArrayList<>();
        RuleContext<?> context = new RuleContext<>(request, null, liveState);
        for (Rule<?> rule : catalog.rules()) {
            RuleSettings settings = policy.settings(rule);
            if (settings.action() == Action.Disabled || !rule.appliesTo(request)) {
                continue;
            }
            List<Violation> violations = check(rule, context.withParameters(settings.parameters()));
            for (Violation violation : violations) {
                Verdict result = switch (settings.action()) {
                    case Enforce -> violation.warningOnly() ? Verdict.WARNED : Verdict.DENIED;
                    case Warn -> Verdict.WARNED;
                    default -> Verdict.AUDITED;
                };
                outcomes.add(new RuleOutcome(rule.id(), result, violation.message()));
            }
            if (violations.isEmpty()) {
                ruleResults.get(rule.id(), "pass").increment();
            }
        }
        return outcomes;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Violation> check(Rule rule, RuleContext<?> context) {
        GuardedRequest request = context.request();
        try {
            return rule.check(context);
        } catch (RuntimeException e) {
            // A rule that fails must not let a dangerous change through, nor crash the webhook.
            LOG.errorf(e, "rule %s failed on %s %s", rule.id(), request.kind(), request.objectName());
            return List.of(Violation.refuse("could not be evaluated (" + e.getClass().getSimpleName()
                    + "); the cassguard log has the details"));
        }
    }

    /** Applies break-glass overrides to the denials and sums the outcomes up into one verdict. */
    private Decision decide(GuardedRequest request, CompiledPolicy policy, List<RuleOutcome> outcomes) {
        Set<String> overridden = overriddenRules(request);
        String reason = request.annotations().getOrDefault(Annotations.OVERRIDE_REASON, "").strip();
        AdmissionRequest admission = request.request();
        boolean authorised = isAuthorisedToOverride(policy.spec().overrides, admission);
        boolean carriedOver = overrideCarriedOver(request);
        List<String> notes = new ArrayList<>();
        List<RuleOutcome> decided = new ArrayList<>();
        for (RuleOutcome outcome : outcomes) {
            if (outcome.result() == Verdict.DENIED && overridden.contains(outcome.ruleId())) {
                if (carriedOver) {
                    String stale = "The override of " + outcome.ruleId() + " was not used: " + Annotations.OVERRIDE + " and "
                            + Annotations.OVERRIDE_REASON + " were already on the object; an override counts only for"
                            + " the change it comes with, so give a new " + Annotations.OVERRIDE_REASON + " with this one.";
                    if (!notes.contains(stale)) {
                        notes.add(stale);
                    }
                    decided.add(outcome);
                    continue;
                }
                if (authorised && !reason.isEmpty()) {
                    decided.add(new RuleOutcome(outcome.ruleId(), Verdict.OVERRIDDEN,
                            "overridden by " + admission.user() + ": " + reason));
                    continue;
                }
                String refusal = authorised
                        ? "The override of " + outcome.ruleId() + " was refused: " + Annotations.OVERRIDE_REASON + " is empty."
                        : "The override of " + outcome.ruleId() + " was refused: user " + admission.user()
                        + " is not allowed to override in policy " + policy.name() + ".";
                if (!notes.contains(refusal)) {
                    notes.add(refusal);
                }
            }
            decided.add(outcome);
        }
        decided.forEach(outcome -> ruleResults.get(outcome.ruleId(), outcome.result().label()).increment());
        Verdict verdict = summarise(decided);
        String hint = verdict == Verdict.DENIED ? overrideHint(request, decided, policy) : null;
        return new Decision(request, verdict, policy.name(), decided, notes, hint);
    }

    private static Set<String> overriddenRules(GuardedRequest request) {
        String value = request.annotations().getOrDefault(Annotations.OVERRIDE, "");
        return Arrays.stream(value.split(",")).map(String::strip).filter(id -> !id.isEmpty()).collect(Collectors.toSet());
    }

    /**
     * An UPDATE whose override annotations are the old object's: left from an earlier change, they must not let every
     * later unsafe change through. (A DELETE carries only the old object: there they were set by an earlier update.)
     */
    private static boolean overrideCarriedOver(GuardedRequest request) {
        if (request.operation() != Operation.UPDATE || request.oldObject() == null || request.oldObject().getMetadata() == null) {
            return false;
        }
        Map<String, String> before = request.oldObject().getMetadata().getAnnotations() == null
                ? Map.of() : request.oldObject().getMetadata().getAnnotations();
        Map<String, String> after = request.annotations();
        return after.containsKey(Annotations.OVERRIDE)
                && Objects.equals(before.get(Annotations.OVERRIDE), after.get(Annotations.OVERRIDE))
                && Objects.equals(before.get(Annotations.OVERRIDE_REASON), after.get(Annotations.OVERRIDE_REASON));
    }

    private static boolean isAuthorisedToOverride(GuardrailPolicySpec.Overrides overrides, AdmissionRequest admission) {
        return overrides.allowedUsers.contains(admission.user())
                || admission.groups().stream().anyMatch(overrides.allowedGroups::contains);
    }

    private static Verdict summarise(List<RuleOutcome> outcomes) {
        for (Verdict verdict : List.of(Verdict.DENIED, Verdict.OVERRIDDEN, Verdict.WARNED, Verdict.AUDITED)) {
            if (outcomes.stream().anyMatch(outcome -> outcome.result() == verdict)) {
                return verdict;
            }
        }
        return Verdict.ALLOWED;
    }

    private static String overrideHint(GuardedRequest request, List<RuleOutcome> outcomes, CompiledPolicy policy) {
        String rules = outcomes.stream().filter(outcome -> outcome.result() == Verdict.DENIED)
                .map(RuleOutcome::ruleId).distinct().collect(Collectors.joining(","));
        GuardrailPolicySpec.Overrides allowed = policy.spec().overrides;
        String who = "To override (only for users " + allowed.allowedUsers + " or groups " + allowed.allowedGroups
                + " of policy " + policy.name() + "), ";
        if (request.kind() == GuardedKind.STATEFULSET_SCALE) {
            // kubectl scale sends a Scale, which carries no annotations: the override has to come with the StatefulSet
            Scale scale = request.newAs(Scale.class);
            int replicas = scale.getSpec() == null || scale.getSpec().getReplicas() == null ? 0 : scale.getSpec().getReplicas();
            return who + "change the StatefulSet itself with the annotations (kubectl scale carries none): kubectl patch"
                    + " statefulset " + request.request().name() + " -n " + request.request().namespace()
                    + " --type merge -p '{\"metadata\":{\"annotations\":{\"" + Annotations.OVERRIDE + "\":\"" + rules
                    + "\",\"" + Annotations.OVERRIDE_REASON + "\":\"<why>\"}},\"spec\":{\"replicas\":" + replicas + "}}'";
        }
        return who + "annotate the object with " + Annotations.OVERRIDE + ": \"" + rules
                + "\" and " + Annotations.OVERRIDE_REASON + ": \"<why>\".";
    }
}
