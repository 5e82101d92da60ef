package io.cassguard.service.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.support.InCluster;
import io.cassguard.support.KubernetesApiMock;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.cassguard.service.controller.LiveClusterStateTest.CACHE_DELAY;
import static io.cassguard.support.Admission.fixture;
import static io.cassguard.engine.fixtures.EngineFixtures.inNamespace;
import static io.cassguard.support.Admission.patched;
import static io.cassguard.support.Admission.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** In-cluster, the guardrails see the other racks of a datacenter through the informer caches (docs/rules.md, docs/architecture.md). */
@QuarkusTest
@TestProfile(InCluster.class)
class LiveGuardrailsTest {

    @KubernetesApiMock.Api
    KubernetesApiMock api;

    @Inject
    LiveState liveState;

    @Test
    void aScaleDownIsRefusedWhileASiblingRackIsNotReadyAndAllowedOnceItIs() {
        api.create("live/orders-rack1-ready.yaml", "sibling");
        StatefulSet rack2 = api.create("live/orders-rack2-ready.yaml", "sibling");
        rack2.getStatus().setReadyReplicas(2);
        StatefulSet notReady = api.client().resource(rack2).updateStatus();
        JsonNode scaleDown = inNamespace(fixture("reviews/statefulset-orders-rack1-scale-down-3-to-2.yaml"), "sibling");

        await().atMost(CACHE_DELAY).untilAsserted(() -> assertThat(post("/validate", scaleDown).path("status").path("message").asText())
                .startsWith("[unhealthy-cluster] a scale-down is refused while the cluster is not healthy: rack dc1/orders-dc1-rack2"
                        + " has 2 of 3 nodes ready; wait until every rack of the datacenter has all its pods ready and updated,"
                        + " then retry\n"));

        notReady.getStatus().setReadyReplicas(3);
        api.client().resource(notReady).updateStatus();

        await().atMost(CACHE_DELAY).untilAsserted(() -> assertThat(post("/validate", scaleDown).path("allowed").asBoolean()).isTrue());
    }

    @Test
    void theRackBeingScaledIsJudgedFromTheReviewAndNamedOnce() {
        StatefulSet rack1 = api.create("live/orders-rack1-ready.yaml", "judged-once");
        rack1.getStatus().setReadyReplicas(2);
        api.client().resource(rack1).updateStatus();
        api.create("live/orders-rack2-ready.yaml", "judged-once");
        await().atMost(CACHE_DELAY).until(() -> liveState.clusterState("judged-once", "orders", "dc1")
                .filter(dc -> dc.racks().size() == 2 && !dc.healthy()).isPresent());

        JsonNode scaleDown = inNamespace(fixture("reviews/statefulset-orders-rack1-scale-down-3-to-2-rack-not-ready.yaml"), "judged-once");

        assertThat(post("/validate", scaleDown).path("status").path("message").asText()).startsWith(
                "[unhealthy-cluster] a scale-down is refused while the cluster is not healthy: only 2 of 3 pods of rack"
                        + " orders-dc1-rack1 are ready; wait until every rack of the datacenter has all its pods ready and"
                        + " updated, then retry\n");
    }

    @Test
    void theSeedsOfASecondRackIncludeThePodsOfTheFirst() {
        api.create("live/shop-dc1-rack1.yaml", "seeds");
        JsonNode rack2 = inNamespace(fixture("reviews/statefulset-create-shop-dc1-rack2.yaml"), "seeds");

        await().atMost(CACHE_DELAY).untilAsserted(() -> assertThat(seeds(patched(rack2, post("/mutate", rack2)))).isEqualTo(
                "shop-dc1-rack1-0.cassandra.seeds.svc.cluster.local,shop-dc1-rack1-1.cassandra.seeds.svc.cluster.local,"
                        + "shop-dc1-rack2-0.cassandra.seeds.svc.cluster.local,shop-dc1-rack2-1.cassandra.seeds.svc.cluster.local"));
    }

    private static String seeds(JsonNode statefulSet) {
        for (JsonNode env : statefulSet.path("spec").path("template").path("spec").path("containers").get(0).path("env")) {
            if (env.path("name").asText().equals("CASSANDRA_SEEDS")) {
                return env.path("value").asText();
            }
        }
        return null;
    }
}
