package io.cassguard.service.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.support.InClusterWithTroubledApiServer;
import io.cassguard.support.KubernetesApiMock;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;

import static io.cassguard.service.controller.LiveClusterStateTest.CACHE_DELAY;
import static io.cassguard.support.Admission.fixture;
import static io.cassguard.engine.fixtures.EngineFixtures.inNamespace;
import static io.cassguard.support.Admission.management;
import static io.cassguard.support.Admission.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Readiness waits for the first sync of the caches; once synced, an API server that goes away neither slows nor
 * fails admission, which then decides from the AdmissionReview's own status (docs/webhook.md, docs/architecture.md). In order: the API server
 * is troubled at start, then healed, then stopped.
 */
@QuarkusTest
@TestProfile(InClusterWithTroubledApiServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiServerTroubleTest {

    private static final String CACHES = "checks.find { it.name == 'kubernetes-caches' }";

    @KubernetesApiMock.Api
    KubernetesApiMock api;

    @Inject
    LiveState liveState;

    @Test
    @Order(1)
    void readinessIsDownUntilEveryCacheHasSyncedAndAKindTheClusterDoesNotServeDoesNotHoldItBack() {
        management().get("/q/health/ready").then().statusCode(503)
                .body(CACHES + ".status", equalTo("DOWN"))
                .body(CACHES + ".data.StatefulSet", equalTo("not synced yet"));
        await().atMost(CACHE_DELAY).untilAsserted(() -> management().get("/q/health/ready").then()
                .body(CACHES + ".data.CassandraCluster", equalTo("not served by the API server (CRD not installed?)")));

        api.heal();

        await().atMost(CACHE_DELAY).untilAsserted(() -> management().get("/q/health/ready").then().statusCode(200)
                .body(CACHES + ".data.StatefulSet", equalTo("synced")));
    }

    @Test
    @Order(2)
    void whenTheApiServerGoesAwayAdmissionStaysFastAndDecidesFromTheReviewItself() {
        api.heal();
        api.create("live/orders-rack1-4-nodes-ready.yaml", "outage");
        StatefulSet rack2 = api.create("live/orders-rack2-ready.yaml", "outage");
        rack2.getStatus().setReadyReplicas(2);
        api.client().resource(rack2).updateStatus();
        JsonNode scaleDown = inNamespace(fixture("reviews/statefulset-orders-rack1-scale-down-4-to-3.yaml"), "outage");
        await().atMost(CACHE_DELAY).untilAsserted(() -> assertThat(post("/validate", scaleDown).path("allowed").asBoolean())
                .as("the live state: sibling rack orders-dc1-rack2 is not ready").isFalse());
        Duration before = slowestOf(20, scaleDown);

        api.shutdown();
        await().atMost(CACHE_DELAY).until(() -> !liveState.available());

        for (int i = 0; i < 20; i++) {
            assertThat(post("/validate", scaleDown).path("allowed").asBoolean())
                    .as("the review's own status says the rack is healthy").isTrue();
        }
        Duration after = slowestOf(20, scaleDown);
        assertThat(after).as("slowest answer without the API server (with it: %s)", before)
                .isLessThan(before.multipliedBy(3).plusMillis(250));
        management().get("/q/health/ready").then().statusCode(200)
                .body(CACHES + ".data.StatefulSet", equalTo("synced, watch reconnecting"));
    }

    private static Duration slowestOf(int requests, JsonNode review) {
        Duration slowest = Duration.ZERO;
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            post("/validate", review);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            slowest = took.compareTo(slowest) > 0 ? took : slowest;
        }
        return slowest;
    }
}
