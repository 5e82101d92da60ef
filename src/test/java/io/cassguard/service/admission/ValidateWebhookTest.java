package io.cassguard.service.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.cassguard.support.Admission;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cassguard.support.Admission.asUser;
import static io.cassguard.support.Admission.fixture;
import static io.cassguard.support.Admission.post;
import static io.cassguard.support.Admission.texts;
import static io.cassguard.support.Admission.validate;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /validate} over HTTPS: decisions, actions, exemptions, overrides and policy selection (docs/webhook.md, docs/policy.md). */
@QuarkusTest
class ValidateWebhookTest {

    private static final String DELETE_REFUSED = "[deletion-protection] StatefulSet %s/cassandra-dc1-rack1 is protected"
            + " against deletion; to delete it, first run: kubectl annotate statefulset cassandra-dc1-rack1 -n %s"
            + " cassguard.io/allow-delete=true";

    @Test
    void anUnguardedKindIsAllowedUntouched() {
        JsonNode response = validate("reviews/configmap-create-unguarded.yaml");

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("status")).isFalse();
        assertThat(response.has("warnings")).isFalse();
        assertThat(response.has("patch")).isFalse();
    }

    @Test
    void anUnreadableObjectIsDeniedAsMalformedWithItsFieldPath() {
        JsonNode response = validate("reviews/cassandracluster-nodes-not-a-number.yaml");

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/code").asInt()).isEqualTo(403);
        assertThat(response.at("/status/reason").asText()).isEqualTo("Forbidden");
        assertThat(response.at("/status/message").asText()).isEqualTo("""
                [malformed-object] CassandraCluster cluster1: spec.nodesPerRacks: "three" is not an integer
                Fix the object; malformed-object cannot be overridden.""");
    }

    @Test
    void anEnforcedRuleDeniesWithTheRuleIdAndTheOverrideAnnotation() {
        JsonNode response = validate("reviews/statefulset-delete-unprotected.yaml");

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/code").asInt()).isEqualTo(403);
        assertThat(response.at("/status/message").asText()).isEqualTo(DELETE_REFUSED.formatted("cassandra", "cassandra") + "\n"
                + "To override (only for groups [system:masters] of policy default), annotate the object"
                + " with cassguard.io/override: \"deletion-protection\" and cassguard.io/override-reason: \"<why>\".");
    }

    @Test
    void aRuleIsSatisfiedWhenTheObjectSaysSo() {
        JsonNode response = validate("reviews/statefulset-delete-allowed-by-annotation.yaml");

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("warnings")).isFalse();
    }

    @Test
    void aRuleInWarnModeAllowsWithAWarningLedByTheRuleId() {
        JsonNode response = validate("reviews/statefulset-delete-in-warn-only-namespace.yaml");

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("status")).isFalse();
        List<String> warnings = texts(response.path("warnings"));
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).startsWith("[deletion-protection] StatefulSet warn-only/cassandra-dc1-rack1 is protected")
                .hasSizeLessThanOrEqualTo(120);
    }

    @Test
    void theMatchingPolicyWithTheHighestPriorityDecides() {
        // warn-only (priority 10, Warn) and warn-only-loses-on-priority (priority 1, Enforce) both match warn-only.
        JsonNode inWarnOnly = validate("reviews/statefulset-delete-in-warn-only-namespace.yaml");
        JsonNode elsewhere = validate("reviews/statefulset-delete-unprotected.yaml");

        assertThat(inWarnOnly.path("allowed").asBoolean()).isTrue();
        assertThat(elsewhere.path("allowed").asBoolean()).isFalse();
        assertThat(elsewhere.at("/status/message").asText()).contains("of policy default)");
    }

    @Test
    void anExemptUserSkipsValidation() {
        JsonNode review = asUser(fixture("reviews/statefulset-delete-in-team-a.yaml"),
                "system:serviceaccount:team-a:casskop", "system:serviceaccounts");

        JsonNode response = post("/validate", review);

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("warnings")).isFalse();
    }

    @Test
    void anExemptionInOnePolicyDoesNotReachNamespacesOfAnother() {
        JsonNode review = asUser(fixture("reviews/statefulset-delete-unprotected.yaml"),
                "system:serviceaccount:team-a:casskop", "system:serviceaccounts");

        assertThat(post("/validate", review).path("allowed").asBoolean()).isFalse();
    }

    @Test
    void anAuthorisedOverrideIsAllowedWithAWarningThatNamesWhoAndWhy() {
        JsonNode response = validate("reviews/statefulset-delete-with-override.yaml");

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(texts(response.path("warnings"))).containsExactly(
                "[deletion-protection] overridden by alice: rack rebuilt from backup, INC-4711");
    }

    @Test
    void anOverrideByAGroupMemberAllowedByThePolicyIsAllowed() {
        JsonNode review = asUser(fixture("reviews/statefulset-delete-with-override.yaml"), "root", "system:masters");

        JsonNode response = post("/validate", review);

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(texts(response.path("warnings"))).containsExactly(
                "[deletion-protection] overridden by root: rack rebuilt from backup, INC-4711");
    }

    @Test
    void anUnauthorisedOverrideIsItselfDenied() {
        JsonNode review = asUser(fixture("reviews/statefulset-delete-with-override.yaml"), "mallory", "system:authenticated");

        JsonNode response = post("/validate", review);

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/message").asText()).isEqualTo(DELETE_REFUSED.formatted("team-a", "team-a") + "\n"
                + "The override of deletion-protection was refused: user mallory is not allowed to override in policy team-a.\n"
                + "To override (only for users [alice] or groups [system:masters] of policy team-a), annotate the object"
                + " with cassguard.io/override: \"deletion-protection\" and cassguard.io/override-reason: \"<why>\".");
    }

    @Test
    void aGuardrailPolicyWithBadFieldsIsRefusedWithEveryFieldPath() {
        JsonNode response = validate("reviews/guardrailpolicy-with-bad-fields.yaml");

        assertThat(response.path("allowed").asBoolean()).isFalse();
        String message = response.at("/status/message").asText();
        assertThat(message).startsWith("[malformed-object] GuardrailPolicy broken is invalid: ")
                .contains("spec.rules.noSuchRule: unknown rule; known rules: ")
                .contains("spec.rules.deletionProtection.action: must be one of Enforce, Warn, Audit, Disabled")
                .contains("spec.mutations.drainHook.minTerminationGracePeriodSeconds: \"soon\" is not an integer");
    }
}
