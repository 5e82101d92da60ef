package io.cassguard.service.cassandra;

import io.cassguard.engine.live.CassandraNode;
import io.cassguard.engine.live.CassandraReading;
import io.cassguard.engine.live.Keyspace;
import io.cassguard.support.RealCassandra;
import io.cassguard.support.UsesRealCassandra;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.cassguard.engine.live.CassandraReading.DEFAULT_IGNORED_KEYSPACES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reader against two real Cassandra nodes of one cluster in two datacenters: 127.0.0.1 in dc1, 127.0.0.2 in dc2,
 * read through dc1. The test that stops dc2 runs last, so that the others need not start it again.
 */
@UsesRealCassandra({RealCassandra.NodeName.DC1, RealCassandra.NodeName.DC2})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoDatacentersReadingTest {

    private static final Duration REFRESH = Duration.ofMinutes(5);
    private static final Duration SOON = Duration.ofSeconds(30);
    private static final ClusterKey SHOP = new ClusterKey("shop", RealCassandra.CLUSTER_NAME);
    /** Read through dc1: dc2's node is a remote one to the driver. */
    private static final CassandraTarget THROUGH_DC1 = new CassandraTarget(List.of("127.0.0.1"),
            RealCassandra.CLUSTER_NAME, Optional.of("dc1"), Optional.empty(), Optional.empty());

    private final CassandraReaders readers = new CassandraReaders(REFRESH, new SimpleMeterRegistry(), Clock.systemUTC());

    @BeforeEach
    void nodes() {
        RealCassandra.dc2();
    }

    @AfterEach
    void close() {
        readers.close();
    }

    @Test
    @Order(1)
    void bothNodesAreReadWithTheirDatacenters() {
        CassandraReading reading = firstReading();

        assertThat(reading.nodes()).containsExactly(
                new CassandraNode("127.0.0.1", "dc1", "rack1", true, "5.0.9"),
                new CassandraNode("127.0.0.2", "dc2", "rack1", true, "5.0.9"));
    }

    @Test
    @Order(1)
    void aKeyspaceReplicatedToDc2IsListedWithTheStatementThatReleasesIt() {
        RealCassandra.execute("CREATE KEYSPACE IF NOT EXISTS orders_two_dcs WITH replication = "
                + "{'class': 'NetworkTopologyStrategy', 'dc1': 1, 'dc2': 1}");

        CassandraReading reading = firstReading();

        Keyspace orders = keyspace(reading, "orders_two_dcs");
        assertThat(reading.keyspacesReplicatingTo("dc2", DEFAULT_IGNORED_KEYSPACES)).contains(orders);
        assertThat(reading.releaseStatement(orders, "dc2")).contains(
                "ALTER KEYSPACE orders_two_dcs WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1};");
    }

    @Test
    @Order(1)
    void theReleaseStatementReleasesTheDatacenterOnTheRealCluster() {
        RealCassandra.execute("CREATE KEYSPACE IF NOT EXISTS inventory_two_dcs WITH replication = "
                + "{'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 1}");
        CassandraReading before = firstReading();

        RealCassandra.execute(before.releaseStatement(keyspace(before, "inventory_two_dcs"), "dc2").orElseThrow());

        await().atMost(SOON).untilAsserted(() -> {
            CassandraReading after = readers.status(SHOP).orElseThrow().lastReading().orElseThrow();
            assertThat(keyspace(after, "inventory_two_dcs").dcFactors()).isEqualTo(Map.of("dc1", 2));
        });
    }

    @Test
    @Order(2)
    void aStoppedNodeIsDownInTheReadingFromTheOtherDatacenter() {
        firstReading();

        RealCassandra.dc2().kill();

        await().atMost(SOON).untilAsserted(() -> {
            CassandraReading reading = readers.status(SHOP).orElseThrow().lastReading().orElseThrow();
            assertThat(reading.nodesDown("dc2")).containsExactly(
                    new CassandraNode("127.0.0.2", "dc2", "rack1", false, "5.0.9"));
            assertThat(reading.nodesDown("dc1")).isEmpty();
        });
    }

    private CassandraReading firstReading() {
        readers.update(Map.of(SHOP, THROUGH_DC1));
        return await().atMost(SOON).until(() -> readers.status(SHOP).orElseThrow().lastReading(), Optional::isPresent)
                .orElseThrow();
    }

    private static Keyspace keyspace(CassandraReading reading, String name) {
        return reading.keyspaces().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }
}
