package io.cassguard.engine.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.engine.cluster.Annotations;
import io.cassguard.engine.cluster.GuardedKind;
import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.model.AdmissionRequest;
import io.cassguard.model.GuardrailPolicySpec;
import io.cassguard.model.Operation;
import io.cassguard.model.Verdict;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Exemptions and break-glass overrides (docs/policy.md): who skips validation, which denials an override turns into
 * {@link Verdict#OVERRIDDEN}, and the last line of a denial that says how to override it.
 */
public final class BreakGlass {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BreakGlass() {
    }

    /** The denials with the request's override applied, and the lines that say why an override was not used. */
    public record Applied(List<RuleOutcome> outcomes, List<String> notes) {
    }

    /** The garbage collector deletes what an owner deleted left behind, e.g. CassKop's StatefulSets with their cluster. */
    public static final String GARBAGE_COLLECTOR = "system:serviceaccount:kube-system:generic-garbage-collector";

    /**
     * The request comes from an operator of policy {@code spec.operators} (a {@code *} in a user name stands for one
     * segment without {@code :}, e.g. a namespace) or from the garbage collector.
     */
    public static boolean isOperator(GuardrailPolicySpec.Operators operators, AdmissionRequest admission) {
        return GARBAGE_COLLECTOR.equals(admission.user())
                || operators.users.stream().anyMatch(user -> matches(user, admission.user()))
                || admission.groups().stream().anyMatch(operators.groups::contains);
    }

    private static boolean matches(String pattern, String user) {
        String[] parts = pattern.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            regex.append(i == 0 ? "" : "[^:]*").append(Pattern.quote(parts[i]));
        }
        return user != null && user.matches(regex.toString());
    }

    public static boolean isExempt(GuardrailPolicySpec.Exemptions exemptions, AdmissionRequest admission) {
        return exemptions.users.contains(admission.user())
                || admission.groups().stream().anyMatch(exemptions.groups::contains);
    }

    public static Applied apply(GuardedRequest request, String policy, GuardrailPolicySpec.Overrides allowed,
                                List<RuleOutcome> outcomes) {
        Set<String> overridden = Annotations.list(request.annotations().get(Annotations.OVERRIDE));
        String reason = request.annotations().getOrDefault(Annotations.OVERRIDE_REASON, "").strip();
        AdmissionRequest admission = request.request();
        boolean authorised = allowed.allowedUsers.contains(admission.user())
                || admission.groups().stream().anyMatch(allowed.allowedGroups::contains);
        boolean carriedOver = carriedOver(request);
        List<String> notes = new ArrayList<>();
        List<RuleOutcome> decided = new ArrayList<>();
        for (RuleOutcome outcome : outcomes) {
            if (outcome.result() != Verdict.DENIED || !overridden.contains(outcome.ruleId())) {
                decided.add(outcome);
            } else if (carriedOver) {
                addOnce(notes, "The override of " + outcome.ruleId() + " was not used: " + Annotations.OVERRIDE + " and "
                        + Annotations.OVERRIDE_REASON + " were already on the object; an override counts only for"
                        + " the change it comes with, so give a new " + Annotations.OVERRIDE_REASON + " with this one.");
                decided.add(outcome);
            } else if (authorised && !reason.isEmpty()) {
                decided.add(new RuleOutcome(outcome.ruleId(), Verdict.OVERRIDDEN, "overridden by " + admission.user() + ": " + reason));
            } else {
                addOnce(notes, authorised
                        ? "The override of " + outcome.ruleId() + " was refused: " + Annotations.OVERRIDE_REASON + " is empty."
                        : "The override of " + outcome.ruleId() + " was refused: user " + admission.user()
                        + " is not allowed to override in policy " + policy + ".");
                decided.add(outcome);
            }
        }
        return new Applied(decided, notes);
    }

    /**
     * An UPDATE whose override annotations are the old object's: left from an earlier change, they must not let every
     * later unsafe change through. (A DELETE carries only the old object: there they were set by an earlier update.)
     */
    private static boolean carriedOver(GuardedRequest request) {
        if (request.operation() != Operation.UPDATE || request.oldObject() == null || request.oldObject().getMetadata() == null) {
            return false;
        }
        Map<String, String> before = annotations(request.oldObject());
        Map<String, String> after = request.annotations();
        return after.containsKey(Annotations.OVERRIDE)
                && Objects.equals(before.get(Annotations.OVERRIDE), after.get(Annotations.OVERRIDE))
                && Objects.equals(before.get(Annotations.OVERRIDE_REASON), after.get(Annotations.OVERRIDE_REASON));
    }

    /** The last line of a denial: the exact annotation that would override it, and who may use it. */
    public static String hint(GuardedRequest request, List<RuleOutcome> outcomes, String policy,
                              GuardrailPolicySpec.Overrides allowed) {
        String rules = outcomes.stream().filter(outcome -> outcome.result() == Verdict.DENIED)
                .map(RuleOutcome::ruleId).distinct().collect(Collectors.joining(","));
        Optional<String> allowedToOverride = who(allowed);
        if (allowedToOverride.isEmpty()) {
            return "Policy " + policy + " lets nobody override (its spec.overrides names no user or group): change the"
                    + " object, or have the policy name who may override " + rules + ".";
        }
        String who = "To override (only for " + allowedToOverride.get() + " of policy " + policy + "), ";
        if (request.kind() == GuardedKind.STATEFULSET_SCALE) {
            // kubectl scale sends a Scale, which carries no annotations: the override has to come with the StatefulSet
            return who + "change the StatefulSet itself with the annotations (kubectl scale carries none): kubectl patch"
                    + " statefulset " + request.request().name() + " -n " + request.request().namespace()
                    + " --type merge -p '" + scalePatch(request, rules) + "'";
        }
        return who + "annotate the object with " + Annotations.OVERRIDE + ": \"" + rules
                + "\" and " + Annotations.OVERRIDE_REASON + ": \"<why>\".";
    }

    /** Who may override, naming only the lists that have entries: {@code users [alice] or groups [system:masters]}. */
    private static Optional<String> who(GuardrailPolicySpec.Overrides allowed) {
        List<String> lists = new ArrayList<>();
        if (!allowed.allowedUsers.isEmpty()) {
            lists.add("users " + allowed.allowedUsers);
        }
        if (!allowed.allowedGroups.isEmpty()) {
            lists.add("groups " + allowed.allowedGroups);
        }
        return lists.isEmpty() ? Optional.empty() : Optional.of(String.join(" or ", lists));
    }

    private static String scalePatch(GuardedRequest request, String rules) {
        Scale scale = request.newAs(Scale.class);
        int replicas = scale.getSpec() == null || scale.getSpec().getReplicas() == null ? 0 : scale.getSpec().getReplicas();
        ObjectNode patch = JSON.createObjectNode();
        ObjectNode annotations = patch.putObject("metadata").putObject("annotations");
        annotations.put(Annotations.OVERRIDE, rules);
        annotations.put(Annotations.OVERRIDE_REASON, "<why>");
        patch.putObject("spec").put("replicas", replicas);
        return patch.toString();
    }

    private static Map<String, String> annotations(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    private static void addOnce(List<String> notes, String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }
}
