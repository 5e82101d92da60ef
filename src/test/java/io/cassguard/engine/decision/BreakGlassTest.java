package io.cassguard.engine.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.policy.Catalog;
import io.cassguard.engine.policy.CompiledPolicy;
import io.cassguard.engine.policy.InvalidPolicyException;
import io.cassguard.engine.policy.PolicyCompiler;
import io.cassguard.model.GuardrailPolicySpec;
import io.cassguard.model.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cassguard.engine.fixtures.EngineFixtures.admission;
import static io.cassguard.engine.fixtures.EngineFixtures.guarded;
import static io.cassguard.engine.fixtures.EngineFixtures.resource;
import static io.cassguard.engine.fixtures.EngineFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exemptions and break-glass overrides (docs/policy.md) under the test policy team-a: its operator's service account is
 * exempt, alice and the group system:masters may override.
 */
class BreakGlassTest {

    private static final GuardrailPolicySpec TEAM_A = teamA().spec();
    private static final RuleOutcome SCALE_DOWN_DENIED = new RuleOutcome("scale-down-step", Verdict.DENIED, "3 -> 1");
    private static final String REASON = "node pool retired, data already streamed away, CHG-1234";

    @Test
    void anExemptUserSkipsValidation() {
        assertThat(BreakGlass.isExempt(TEAM_A.exemptions,
                admission(review("cassandracluster-scale-down-by-exempt-operator-allowed")))).isTrue();
    }

    @Test
    void aMemberOfAnExemptGroupSkipsValidation() {
        GuardrailPolicySpec.Exemptions exemptions = new GuardrailPolicySpec.Exemptions();
        exemptions.groups = List.of("system:serviceaccounts");

        assertThat(BreakGlass.isExempt(exemptions,
                admission(review("cassandracluster-scale-down-by-exempt-operator-allowed")))).isTrue();
    }

    @Test
    void anyoneElseIsValidated() {
        assertThat(BreakGlass.isExempt(TEAM_A.exemptions,
                admission(review("cassandracluster-scale-down-overridden-by-alice")))).isFalse();
    }

    @Test
    void anAuthorisedOverrideWithAReasonTurnsTheDenialIntoOverridden() {
        BreakGlass.Applied applied = apply(review("cassandracluster-scale-down-overridden-by-alice"), SCALE_DOWN_DENIED);

        assertThat(applied.outcomes()).containsExactly(
                new RuleOutcome("scale-down-step", Verdict.OVERRIDDEN, "overridden by alice: " + REASON));
        assertThat(applied.notes()).isEmpty();
    }

    @Test
    void anOverrideLeavesTheDenialsOfRulesItDoesNotName() {
        RuleOutcome minDcSize = new RuleOutcome("min-dc-size", Verdict.DENIED, "below 3");

        BreakGlass.Applied applied = apply(review("cassandracluster-scale-down-overridden-by-alice"), minDcSize);

        assertThat(applied.outcomes()).containsExactly(minDcSize);
        assertThat(applied.notes()).isEmpty();
    }

    @Test
    void anOverrideWithAnEmptyReasonIsRefusedWithANote() {
        JsonNode review = review("cassandracluster-scale-down-overridden-by-alice");
        ((ObjectNode) review.at("/request/object/metadata/annotations")).put("cassguard.io/override-reason", " ");

        BreakGlass.Applied applied = apply(review, SCALE_DOWN_DENIED);

        assertThat(applied.outcomes()).containsExactly(SCALE_DOWN_DENIED);
        assertThat(applied.notes()).containsExactly(
                "The override of scale-down-step was refused: cassguard.io/override-reason is empty.");
    }

    @Test
    void anOverrideByAnUnauthorisedUserIsRefusedWithANote() {
        BreakGlass.Applied applied = apply(review("cassandracluster-scale-down-override-by-unauthorised-user-refused"),
                SCALE_DOWN_DENIED);

        assertThat(applied.outcomes()).containsExactly(SCALE_DOWN_DENIED);
        assertThat(applied.notes()).containsExactly(
                "The override of scale-down-step was refused: user mallory is not allowed to override in policy team-a.");
    }

    @Test
    void anOverrideCarriedOverFromTheOldObjectIsNotUsed() {
        BreakGlass.Applied applied = apply(
                review("cassandracluster-scale-down-with-override-left-from-an-earlier-change-refused"), SCALE_DOWN_DENIED);

        assertThat(applied.outcomes()).containsExactly(SCALE_DOWN_DENIED);
        assertThat(applied.notes()).containsExactly("The override of scale-down-step was not used: cassguard.io/override"
                + " and cassguard.io/override-reason were already on the object; an override counts only for the change"
                + " it comes with, so give a new cassguard.io/override-reason with this one.");
    }

    @Test
    void theHintForAnObjectNamesTheAnnotationsOfEveryDeniedRuleAndWhoMayUseThem() {
        GuardedRequest request = guarded(review("cassandracluster-one-rack-3-to-1-refused"), LiveState.NONE);
        List<RuleOutcome> outcomes = List.of(new RuleOutcome("min-dc-size", Verdict.DENIED, "below 3"), SCALE_DOWN_DENIED,
                new RuleOutcome("dc-decommission", Verdict.WARNED, "dc2 to 0"));

        assertThat(BreakGlass.hint(request, outcomes, "team-a", TEAM_A.overrides)).isEqualTo(
                "To override (only for users [alice] or groups [system:masters] of policy team-a), annotate the object"
                        + " with cassguard.io/override: \"min-dc-size,scale-down-step\" and cassguard.io/override-reason:"
                        + " \"<why>\".");
    }

    @Test
    void theHintForAScaleIsAKubectlPatchOfTheStatefulSetWithTheAnnotationsAndTheReplicas() throws Exception {
        GuardedRequest request = guarded(review("statefulset-scale-subresource-3-to-1-refused"), LiveState.NONE);

        String hint = BreakGlass.hint(request, List.of(SCALE_DOWN_DENIED), "team-a", TEAM_A.overrides);

        String command = "kubectl patch statefulset cassandra-dc1-rack1 -n cassandra --type merge -p '";
        assertThat(hint).startsWith("To override (only for users [alice] or groups [system:masters] of policy team-a),"
                + " change the StatefulSet itself with the annotations (kubectl scale carries none): " + command).endsWith("'");
        JsonNode patch = new ObjectMapper().readTree(hint.substring(hint.indexOf(command) + command.length(), hint.length() - 1));
        assertThat(patch).isEqualTo(new ObjectMapper().readTree("""
                {"metadata": {"annotations": {"cassguard.io/override": "scale-down-step",
                                              "cassguard.io/override-reason": "<why>"}},
                 "spec": {"replicas": 1}}"""));
    }

    private static BreakGlass.Applied apply(JsonNode review, RuleOutcome outcome) {
        return BreakGlass.apply(guarded(review, LiveState.NONE), "team-a", TEAM_A.overrides, List.of(outcome));
    }

    private static CompiledPolicy teamA() {
        try {
            return new PolicyCompiler(Catalog.standard()).compile(resource("test-policies/team-a.yaml"), "test-policies");
        } catch (InvalidPolicyException e) {
            throw new AssertionError(e);
        }
    }
}
