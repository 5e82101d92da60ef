package io.cassguard.service.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.support.InCluster;
import io.cassguard.support.KubernetesApiMock;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import static io.cassguard.support.Admission.fixture;
import static io.cassguard.support.Admission.https;
import static io.cassguard.support.Admission.management;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** In-cluster, informers keep a ClusterState per datacenter, and {@code GET /clusters} shows it (docs/architecture.md). */
@QuarkusTest
@TestProfile(InCluster.class)
class LiveClusterStateTest {

    /** Generous: the machine may be busy, and the first HTTPS connection of a run sets TLS up. */
    static final Duration CACHE_DELAY = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String READER_TOKEN = "clusters-reader-token";

    @KubernetesApiMock.Api
    KubernetesApiMock api;

    @BeforeEach
    void kubernetesKnowsAReader() {
        api.acceptReader(READER_TOKEN);
    }

    @AfterEach
    void forgetExpectations() {
        api.forgetExpectations();
    }

    @Test
    void statefulSetsAndCassandraClustersAreListedInPagesOf500() {
        // a whole list of 10,000 StatefulSets would not fit the heap of jvm.options before the cache slims it
        assertThat(api.lists()).anyMatch(path -> path.startsWith("/apis/apps/v1/statefulsets?") && path.contains("limit=500"))
                .anyMatch(path -> path.startsWith("/apis/db.orange.com/") && path.contains("/cassandraclusters?") && path.contains("limit=500"))
                .noneMatch(path -> path.startsWith("/apis/apps/v1/statefulsets?") && !path.contains("limit=500"));
    }

    @Test
    void clustersNeedsABearerToken() {
        https().get("/clusters").then().statusCode(401).body("error", equalTo("a Kubernetes bearer token is required (Authorization: Bearer <token>)"));
    }

    @Test
    void informersFillTheClusterStateOfEachDatacenter() {
        api.create("live/orders-rack1-ready.yaml", "state-filled");
        api.create("live/orders-rack2-ready.yaml", "state-filled");
        api.create("live/web-not-cassandra.yaml", "state-filled");

        await().atMost(CACHE_DELAY).untilAsserted(() -> assertThat(cluster("state-filled", "orders", "dc1"))
                .isEqualTo(fixture("expected/clusters-shop-orders-dc1-ready.yaml")));
        assertThat(clustersIn("state-filled")).as("a StatefulSet that is not Cassandra makes no cluster").hasSize(1);
    }

    @Test
    void aRackThatRollsOutIsInProgressAndNotHealthy() {
        api.create("live/orders-rack1-ready.yaml", "state-rolling");
        StatefulSet rack2 = api.create("live/orders-rack2-ready.yaml", "state-rolling");
        await().atMost(CACHE_DELAY).until(() -> clustersIn("state-rolling").size() == 1);

        rack2.getStatus().setUpdateRevision("orders-dc1-rack2-8e1a");
        rack2.getStatus().setReadyReplicas(2);
        api.client().resource(rack2).updateStatus();

        await().atMost(CACHE_DELAY).untilAsserted(() -> assertThat(cluster("state-rolling", "orders", "dc1"))
                .isEqualTo(fixture("expected/clusters-shop-orders-dc1-rack2-rolling.yaml")));
    }

    @Test
    void anActionCassKopReportsOngoingMakesItsRackInProgress() {
        api.create("live/payments-casskop-cluster-rack-action-ongoing.yaml", "state-casskop");
        api.create("live/payments-casskop-rack1-ready.yaml", "state-casskop");

        await().atMost(CACHE_DELAY).untilAsserted(() -> assertThat(cluster("state-casskop", "payments", "dc1"))
                .isEqualTo(fixture("expected/clusters-billing-payments-dc1-operator-busy.yaml")));
    }

    @Test
    void readinessIsUpOnceEveryCacheHasSynced() {
        management().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'kubernetes-caches' }.data.mode", equalTo("in-cluster"))
                .body("checks.find { it.name == 'kubernetes-caches' }.data.StatefulSet", equalTo("synced"))
                .body("checks.find { it.name == 'kubernetes-caches' }.data.CassandraCluster", equalTo("synced"))
                .body("checks.find { it.name == 'kubernetes-caches' }.data.GuardrailPolicy", equalTo("synced"))
                .body("checks.find { it.name == 'kubernetes-caches' }.data.Namespace", equalTo("synced"));
    }

    /** The datacenter's entry of {@code GET /clusters}, without its namespace (fixtures are placed in the test's own). */
    private static JsonNode cluster(String namespace, String cluster, String datacenter) {
        return clustersIn(namespace).stream()
                .filter(entry -> entry.path("cluster").asText().equals(cluster) && entry.path("datacenter").asText().equals(datacenter))
                .<JsonNode>map(entry -> ((ObjectNode) entry.deepCopy()).without("namespace"))
                .findFirst().orElse(null);
    }

    private static List<JsonNode> clustersIn(String namespace) {
        try {
            JsonNode clusters = JSON.readTree(https().auth().oauth2(READER_TOKEN).get("/clusters").then().statusCode(200).extract().asString());
            assertThat(clusters.path("mode").asText()).isEqualTo("in-cluster");
            return StreamSupport.stream(clusters.path("clusters").spliterator(), false)
                    .filter(entry -> entry.path("namespace").asText().equals(namespace)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
