package io.cassguard.service.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.engine.cluster.CassandraDatacenter;
import io.cassguard.engine.cluster.K8ssandraCluster;
import io.cassguard.support.CapturedLog;
import io.cassguard.support.InCluster;
import io.cassguard.support.KubernetesApiMock;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.StreamSupport;

import static io.cassguard.support.Admission.fixture;
import static io.cassguard.support.Admission.https;
import static io.cassguard.support.Admission.management;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

/**
 * cass-operator's and k8ssandra-operator's kinds are watched only where the API server serves them: a cluster without
 * their CRDs runs cassguard as before, with no warning, and a CRD installed later is found by the next discovery (every
 * second here), its objects cached, checked in the background and their Cassandra cluster read. The tests run in
 * order: the second installs the CRDs.
 */
@QuarkusTest
@TestProfile(InCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorKindsDiscoveryTest {

    private static final Duration CACHE_DELAY = Duration.ofSeconds(30);
    private static final String CACHES = "checks.find { it.name == 'kubernetes-caches' }";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READER_TOKEN = "discovery-reader-token";

    @KubernetesApiMock.Api
    KubernetesApiMock api;

    @Inject
    KubernetesCaches caches;

    @Test
    @Order(1)
    void withoutTheirCrdsTheOperatorsKindsAreNotWatchedAndNoWarningIsLogged() {
        try (CapturedLog log = CapturedLog.of("io.cassguard")) {
            // several rounds of discovery, each asking the API server and finding neither kind
            await().pollDelay(Duration.ofSeconds(3)).atMost(CACHE_DELAY).until(caches::ready);

            assertThat(log.records()).filteredOn(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
                    .extracting(CapturedLog::message)
                    .noneMatch(message -> message.contains("CassandraDatacenter") || message.contains("K8ssandraCluster"));
        }
        management().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(CACHES + ".data", not(hasKey("CassandraDatacenter")))
                .body(CACHES + ".data", not(hasKey("K8ssandraCluster")));
    }

    @Test
    @Order(2)
    void crdsInstalledLaterAreWatchedAndTheirObjectsCheckedInTheBackground() {
        install(CassandraDatacenter.class);
        install(K8ssandraCluster.class);

        await().atMost(CACHE_DELAY).untilAsserted(() -> management().get("/q/health/ready").then().statusCode(200)
                .body(CACHES + ".data.CassandraDatacenter", equalTo("synced"))
                .body(CACHES + ".data.K8ssandraCluster", equalTo("synced")));
        HasMetadata datacenter = api.create("live/cassandradatacenter-unpinned-image.yaml", "discovered");
        HasMetadata cluster = api.create("live/k8ssandracluster-two-datacenters.yaml", "discovered");

        await().atMost(CACHE_DELAY).until(() -> api.policyReport("discovered") != null
                && content(api.policyReport("discovered")).path("results").size() == 2);
        ObjectNode content = content(api.policyReport("discovered"));
        content.path("results").forEach(result -> {
            assertThat(((ObjectNode) result).remove("timestamp")).isNotNull();
            ObjectNode resource = (ObjectNode) result.path("resources").get(0);
            HasMetadata object = resource.path("kind").asText().equals("CassandraDatacenter") ? datacenter : cluster;
            assertThat(resource.remove("uid").asText()).isEqualTo(object.getMetadata().getUid());
        });
        assertThat(content).isEqualTo(fixture("expected/policyreport-cassandradatacenter-unpinned.yaml"));
        assertThat(caches.cassandraDatacenter("discovered", "dc1")).isPresent();
    }

    /**
     * The CassandraDatacenter and the K8ssandraCluster of cluster demo are one Cassandra cluster, read through
     * cass-operator's Service of each of its datacenters (which the mock's cluster cannot resolve: the attempt shows
     * where cassguard looked).
     */
    @Test
    @Order(3)
    void theirClusterIsReadThroughTheServiceOfEachDatacenter() {
        api.acceptReader(READER_TOKEN);
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode answer = JSON.readTree(https().auth().oauth2(READER_TOKEN).get("/clusters").then().statusCode(200)
                        .extract().asString());
                // the tests before this one in the same service left clusters of their own namespaces
                List<JsonNode> cassandra = StreamSupport.stream(answer.path("cassandra").spliterator(), false)
                        .filter(reading -> reading.path("namespace").asText().equals("discovered")).toList();
                assertThat(cassandra).extracting(reading -> reading.path("cluster").asText()).containsExactly("demo");
                assertThat(cassandra.get(0).at("/lastError/message").asText())
                        .startsWith("no node answered: demo-dc1-service.discovered:9042 ")
                        .contains(", demo-dc2-service.discovered:9042 ");
            });
        } finally {
            api.forgetExpectations();
        }
    }

    /** The CRD of a kind, as its operator's install would create it. */
    private void install(Class<? extends CustomResource<?, ?>> kind) {
        api.client().apiextensions().v1().customResourceDefinitions()
                .resource(CustomResourceDefinitionContext.v1CRDFromCustomResourceType(kind).build()).create();
    }

    /** What a PolicyReport says: its summary and results. */
    private static ObjectNode content(GenericKubernetesResource report) {
        ObjectNode content = JSON.createObjectNode();
        content.set("summary", JSON.valueToTree(report.getAdditionalProperties().get("summary")));
        content.set("results", JSON.valueToTree(report.getAdditionalProperties().get("results")));
        return content;
    }
}
