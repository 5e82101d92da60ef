package io.cassguard.service.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.service.kubernetes.KubernetesCaches;
import io.cassguard.support.InCluster;
import io.cassguard.support.KubernetesApiMock;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static io.cassguard.service.controller.LiveClusterStateTest.CACHE_DELAY;
import static io.cassguard.support.Admission.fixture;
import static io.cassguard.engine.fixtures.EngineFixtures.inNamespace;
import static io.cassguard.support.Admission.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GuardrailPolicy objects of the cluster are put in force next to the policy files, and the leader reports in each
 * one's status whether it is in force (docs/architecture.md, docs/policy.md).
 */
@QuarkusTest
@TestProfile(InCluster.class)
class ClusterPoliciesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @KubernetesApiMock.Api
    KubernetesApiMock api;

    @Test
    void aValidPolicyIsPutInForceAndReportedReadyWithTheObjectsItGoverns() {
        api.create("live/orders-rack1-ready.yaml", "relaxed");
        api.create("cluster-policies/relaxed-deletions.yaml");

        await().atMost(CACHE_DELAY).untilAsserted(() -> assertThat(status("relaxed-deletions"))
                .isEqualTo(fixture("expected/guardrailpolicy-status-in-force.yaml")));
        JsonNode deletion = post("/validate", inNamespace(fixture("reviews/statefulset-delete-unprotected.yaml"), "relaxed"));
        assertThat(deletion.path("allowed").asBoolean()).as("Warn in namespace relaxed").isTrue();
        assertThat(deletion.path("warnings").get(0).asText()).startsWith("[deletion-protection] StatefulSet relaxed/cassandra-dc1-rack1");
    }

    @Test
    void anInvalidGenerationIsReportedInvalidAndTheLastGoodOneStaysInForce() {
        api.create("live/orders-rack1-ready.yaml", "lenient");
        api.create("cluster-policies/lenient-deletions.yaml");
        await().atMost(CACHE_DELAY).until(() -> status("lenient-deletions").path("observedGeneration").asInt() == 1);

        api.client().resource(KubernetesApiMock.<GenericKubernetesResource>load("cluster-policies/lenient-deletions-invalid-action.yaml")).update();

        await().atMost(CACHE_DELAY).untilAsserted(() -> assertThat(status("lenient-deletions"))
                .isEqualTo(fixture("expected/guardrailpolicy-status-invalid-last-good-in-force.yaml")));
        JsonNode deletion = post("/validate", inNamespace(fixture("reviews/statefulset-delete-unprotected.yaml"), "lenient"));
        assertThat(deletion.path("allowed").asBoolean()).as("generation 1 (Warn) still decides").isTrue();
    }

    @Test
    void theStatusIsWrittenOnlyWhenItChanges() {
        api.create("live/orders-rack1-ready.yaml", "steady");
        api.create("cluster-policies/steady-deletions.yaml");
        await().atMost(CACHE_DELAY).until(() -> status("steady-deletions").path("governedObjects").asInt() == 1);
        String written = resourceVersion("steady-deletions");

        // A denial elsewhere makes the leader reconcile: its PolicyReport shows that the pass has run.
        post("/validate", inNamespace(fixture("reviews/statefulset-delete-unprotected.yaml"), "steady-elsewhere"));
        await().atMost(CACHE_DELAY).until(() -> api.policyReport("steady-elsewhere") != null);
        assertThat(resourceVersion("steady-deletions")).isEqualTo(written);
        assertThat(statusWrites("steady-deletions")).isEqualTo(1);

        api.create("live/orders-rack2-ready.yaml", "steady");

        await().atMost(CACHE_DELAY).until(() -> status("steady-deletions").path("governedObjects").asInt() == 2);
        assertThat(resourceVersion("steady-deletions")).isNotEqualTo(written);
        assertThat(statusWrites("steady-deletions")).isEqualTo(2);
    }

    /** The policy's status without the conditions' lastTransitionTime, after checking that each has one. */
    private JsonNode status(String name) {
        GenericKubernetesResource policy = policy(name);
        JsonNode status = JSON.valueToTree(policy.getAdditionalProperties().get("status"));
        if (status == null || status.isNull()) {
            return JSON.createObjectNode();
        }
        ObjectNode copy = status.deepCopy();
        for (JsonNode condition : (ArrayNode) copy.path("conditions")) {
            assertThat(condition.path("lastTransitionTime").asText()).isNotEmpty();
            ((ObjectNode) condition).remove("lastTransitionTime");
        }
        return copy;
    }

    private String resourceVersion(String name) {
        return policy(name).getMetadata().getResourceVersion();
    }

    private long statusWrites(String name) {
        return api.writes().stream().filter(write -> write.contains("/guardrailpolicies/" + name + "/status")).count();
    }

    private GenericKubernetesResource policy(String name) {
        return api.client().genericKubernetesResources(KubernetesCaches.GUARDRAIL_POLICIES).withName(name).get();
    }
}
