package io.cassguard.service.cassandra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cassguard.support.RealCassandra;
import io.cassguard.support.StandaloneWithCassandra;
import io.cassguard.support.UsesRealCassandra;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import static io.cassguard.support.Admission.https;
import static io.cassguard.support.Admission.validate;
import static io.cassguard.support.Admission.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Decisions from where the data really is (docs/live-state.md), through the webhook: cassguard reads two real Cassandra nodes
 * of cluster cassguard-test (127.0.0.1 in dc1, 127.0.0.2 in dc2) and the guardrails of namespace live-cassandra
 * (test policy live-cassandra: minNodesPerDc 2, the system keyspaces ignored) decide from what Cassandra reports,
 * with no annotation on the objects. The tests run in order: each changes the cluster for the next.
 */
@UsesRealCassandra({RealCassandra.NodeName.DC1, RealCassandra.NodeName.DC2})
@QuarkusTest
@TestProfile(StandaloneWithCassandra.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveDataPlacementTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READ_SOON = Duration.ofSeconds(60);
    private static final String SHRINK = "live-cassandra/statefulset-dc1-3-to-2.yaml";
    private static final String RETIRE_DC2 = "live-cassandra/cassandracluster-dc2-decommission.yaml";
    private static final String REMOVE_DC2 = "live-cassandra/k8ssandracluster-remove-dc2.yaml";

    @BeforeAll
    static void cluster() {
        RealCassandra.dc1();
        RealCassandra.dc2();
        RealCassandra.execute(
                "DROP KEYSPACE IF EXISTS live_shop",
                "DROP KEYSPACE IF EXISTS live_orders",
                "CREATE KEYSPACE live_shop WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}",
                "CREATE KEYSPACE live_orders WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1, 'dc2': 1}");
    }

    @Test
    @Order(1)
    void aShrinkBelowAKeyspacesReplicationFactorIsRefusedCitingTheKeyspace() {
        awaitReading(keyspace("live_shop", "dc1", 3));

        JsonNode response = validate(SHRINK);

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/message").asText().lines().findFirst().orElseThrow()).matches(
                "\\[min-dc-size] dc dc1 goes from 3 nodes to 2 nodes \\(standalone: only this StatefulSet is known in"
                + " dc1\\), below its minimum of 3 \\(minNodesPerDc 2, keyspace live_shop has replication factor 3 in dc1,"
                + " read \\d+ s ago\\); keep at least 3 nodes in dc1, and retire a datacenter only after removing it from"
                + " every keyspace's replication");
    }

    @Test
    @Order(1)
    void aCassandraDatacenterShrunkBelowAKeyspacesReplicationFactorIsRefusedCitingTheKeyspace() {
        awaitReading(keyspace("live_shop", "dc1", 3));

        JsonNode response = validate("live-cassandra/cassandradatacenter-dc1-3-to-2.yaml");

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/message").asText().lines().findFirst().orElseThrow()).matches(
                "\\[min-dc-size] dc dc1 goes from 3 nodes to 2 nodes, below its minimum of 3 \\(minNodesPerDc 2, keyspace"
                + " live_shop has replication factor 3 in dc1, read \\d+ s ago\\); keep at least 3 nodes in dc1, and retire a"
                + " datacenter only after removing it from every keyspace's replication");
    }

    @Test
    @Order(2)
    void theLiveValueWinsOverTheAnnotationAndTheMessageSaysSo() {
        JsonNode response = validate("live-cassandra/statefulset-dc1-3-to-2-declaring-replication-factor-1.yaml");

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/message").asText()).contains(
                "keyspace live_shop has replication factor 3 in dc1, read ")
                .contains(" s ago; cassguard.io/replication-factor says 1, the live value wins)");
    }

    @Test
    @Order(3)
    void onceTheKeyspaceKeepsFewerReplicasTheSameShrinkIsAllowed() {
        RealCassandra.execute("ALTER KEYSPACE live_shop WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2}");
        awaitReading(keyspace("live_shop", "dc1", 2));

        JsonNode response = validate(SHRINK);

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("warnings")).isFalse();
    }

    @Test
    @Order(4)
    void retiringADatacenterAKeyspaceStillReplicatesToIsRefusedWithTheAlterThatReleasesIt() {
        awaitReading(keyspace("live_orders", "dc2", 1));

        JsonNode response = validate(RETIRE_DC2);

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/message").asText().lines().findFirst().orElseThrow()).matches(
                "\\[dc-decommission] dc dc2: nodesPerRacks 1 -> 0 decommissions it, but keyspace live_orders still"
                + " replicates to dc2 \\(read \\d+ s ago\\); release it first: ALTER KEYSPACE live_orders WITH replication ="
                + " \\{'class': 'NetworkTopologyStrategy', 'dc1': 1}; Then run nodetool repair on the other datacenters"
                + " and retry");
    }

    @Test
    @Order(4)
    void removingADatacenterFromAK8ssandraClusterWhileAKeyspaceReplicatesThereIsRefusedWithTheAlterThatReleasesIt() {
        awaitReading(keyspace("live_orders", "dc2", 1));

        JsonNode response = validate(REMOVE_DC2);

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/message").asText().lines().findFirst().orElseThrow()).matches(
                "\\[dc-decommission] dc dc2: removed, which decommissions its 1 node, but keyspace live_orders still"
                + " replicates to dc2 \\(read \\d+ s ago\\); release it first: ALTER KEYSPACE live_orders WITH replication ="
                + " \\{'class': 'NetworkTopologyStrategy', 'dc1': 1}; Then run nodetool repair on the other datacenters"
                + " and retry");
    }

    @Test
    @Order(5)
    void onceNoKeyspaceReplicatesToTheDatacenterItMayBeRetired() {
        RealCassandra.execute("ALTER KEYSPACE live_orders WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1}");
        awaitReading(reading -> keyspaceNamed(reading, "live_orders").path("dcFactors").path("dc2").isMissingNode());

        JsonNode retired = validate(RETIRE_DC2);
        JsonNode removed = validate(REMOVE_DC2);

        assertThat(retired.path("allowed").asBoolean()).isTrue();
        assertThat(texts(retired.path("warnings"))).isEmpty();
        assertThat(removed.path("allowed").asBoolean()).as("the K8ssandraCluster's dc2 removed").isTrue();
        assertThat(texts(removed.path("warnings"))).isEmpty();
    }

    /**
     * A node down in dc2 refuses a version change of the cluster (every datacenter's nodes must be up), but not a
     * scale-down in dc1: LOCAL_QUORUM in dc1 does not depend on dc2.
     */
    @Test
    @Order(6)
    void aNodeDownRefusesAVersionChangeButNotAScaleDownInAnotherDatacenter() {
        RealCassandra.dc2().kill();
        awaitReading(reading -> StreamSupport.stream(reading.path("nodes").spliterator(), false)
                .anyMatch(node -> node.path("address").asText().equals("127.0.0.2") && !node.path("up").asBoolean()));

        JsonNode upgrade = validate("live-cassandra/cassandracluster-patch-upgrade.yaml");
        JsonNode shrink = validate(SHRINK);

        assertThat(upgrade.path("allowed").asBoolean()).isFalse();
        assertThat(upgrade.at("/status/message").asText().lines().findFirst().orElseThrow()).matches(
                "\\[unhealthy-cluster] a version change is refused while the cluster is not healthy: Cassandra reports"
                + " node 127.0.0.2 of dc dc2 down \\(read \\d+ s ago\\); wait until .*");
        assertThat(shrink.path("allowed").asBoolean()).isTrue();
    }

    /** Waits until {@code GET /clusters} shows a reading of the test cluster that satisfies {@code condition}. */
    private static void awaitReading(Predicate<JsonNode> condition) {
        await().atMost(READ_SOON).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode cassandra = clusters().path("cassandra");
            return cassandra.size() == 1 && condition.test(cassandra.get(0).path("reading"));
        });
    }

    private static Predicate<JsonNode> keyspace(String name, String datacenter, int factor) {
        return reading -> keyspaceNamed(reading, name).path("dcFactors").path(datacenter).asInt() == factor;
    }

    private static JsonNode keyspaceNamed(JsonNode reading, String name) {
        return StreamSupport.stream(reading.path("keyspaces").spliterator(), false)
                .filter(keyspace -> keyspace.path("name").asText().equals(name)).findFirst()
                .orElse(JSON.missingNode());
    }

    private static JsonNode clusters() {
        try {
            return JSON.readTree(https().get("/clusters").then().statusCode(200).extract().asString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
