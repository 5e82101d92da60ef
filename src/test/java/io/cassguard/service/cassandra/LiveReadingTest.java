package io.cassguard.service.cassandra;

import io.cassguard.engine.live.CassandraNode;
import io.cassguard.engine.live.CassandraReading;
import io.cassguard.engine.live.CassandraReading.KeyspaceFactor;
import io.cassguard.engine.live.ReadingStatus;
import io.cassguard.support.RealCassandra;
import io.cassguard.support.UsesRealCassandra;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.cassguard.engine.live.CassandraReading.DEFAULT_IGNORED_KEYSPACES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The reader against a real Cassandra 5.0 node (127.0.0.1, dc1, cluster_name cassguard-test). */
@UsesRealCassandra(RealCassandra.NodeName.DC1)
class LiveReadingTest {

    /** Long enough that a change seen within {@link #SOON} was seen through the driver's events, not a refresh. */
    private static final Duration REFRESH = Duration.ofMinutes(5);
    private static final Duration SOON = Duration.ofSeconds(30);
    private static final ClusterKey SHOP = new ClusterKey("shop", RealCassandra.CLUSTER_NAME);
    /** The labels of SHOP's meters as Prometheus shows them (the simpleclient format ends them with a comma). */
    private static final String SHOP_TAGS = "cluster=\"cassguard-test\",namespace=\"shop\",?";

    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CassandraReaders readers = new CassandraReaders(REFRESH, meters, Clock.systemUTC());

    @BeforeEach
    void node() {
        RealCassandra.dc1();
    }

    @AfterEach
    void close() {
        readers.close();
    }

    @Test
    void aKeyspaceIsReadWithItsReplicationFactorPerDatacenter() {
        RealCassandra.execute("CREATE KEYSPACE IF NOT EXISTS orders_three WITH replication = "
                + "{'class': 'NetworkTopologyStrategy', 'dc1': 3}");

        CassandraReading reading = firstReading(SHOP, dc1());

        assertThat(reading.clusterName()).isEqualTo("cassguard-test");
        assertThat(reading.keyspaces()).filteredOn(k -> k.name().equals("orders_three")).singleElement()
                .satisfies(k -> {
                    assertThat(k.replicationClass()).isEqualTo("NetworkTopologyStrategy");
                    assertThat(k.dcFactors()).isEqualTo(Map.of("dc1", 3));
                });
        assertThat(reading.schemaAgreement()).isTrue();
    }

    @Test
    void theNodeIsReadWithItsDatacenterRackStateAndRelease() {
        CassandraReading reading = firstReading(SHOP, dc1());

        assertThat(reading.nodes()).contains(new CassandraNode("127.0.0.1", "dc1", "rack1", true, "5.0.9"));
        assertThat(reading.mixedReleaseVersions()).isFalse();
    }

    @Test
    void theDefaultSystemKeyspacesAreReadAsCassandraCreatesThem() {
        CassandraReading reading = firstReading(SHOP, dc1());

        assertThat(reading.keyspaces()).extracting(k -> k.name() + " " + k.replicationClass() + " " + k.everyDcFactor())
                .contains("system LocalStrategy 0", "system_schema LocalStrategy 0", "system_auth SimpleStrategy 1",
                        "system_distributed SimpleStrategy 3", "system_traces SimpleStrategy 2");
    }

    @Test
    void anAlteredKeyspaceIsReadAgainAfterTheSchemaEvent() {
        RealCassandra.execute("CREATE KEYSPACE IF NOT EXISTS orders_altered WITH replication = "
                + "{'class': 'NetworkTopologyStrategy', 'dc1': 3}");
        firstReading(SHOP, dc1());

        RealCassandra.execute("ALTER KEYSPACE orders_altered WITH replication = "
                + "{'class': 'NetworkTopologyStrategy', 'dc1': 2}");

        await().atMost(SOON).untilAsserted(() -> assertThat(reading(SHOP).keyspaces())
                .filteredOn(k -> k.name().equals("orders_altered")).singleElement()
                .satisfies(k -> assertThat(k.factorIn("dc1")).isEqualTo(2)));
    }

    @Test
    void aNewKeyspaceWithAHigherFactorBecomesTheDatacentersHighest() {
        firstReading(SHOP, dc1());

        RealCassandra.execute("CREATE KEYSPACE IF NOT EXISTS orders_five WITH replication = "
                + "{'class': 'NetworkTopologyStrategy', 'dc1': 5}");

        await().atMost(SOON).untilAsserted(() -> assertThat(
                reading(SHOP).highestReplicationFactor("dc1", DEFAULT_IGNORED_KEYSPACES))
                .contains(new KeyspaceFactor("orders_five", 5)));
    }

    @Test
    void theReadingIsRenewedEveryRefreshIntervalWithoutEvents() {
        try (CassandraReaders often = new CassandraReaders(Duration.ofSeconds(2), meters, Clock.systemUTC())) {
            often.update(Map.of(SHOP, dc1()));
            Instant first = await().atMost(SOON).until(() -> often.status(SHOP).orElseThrow().lastReading(),
                    Optional::isPresent).orElseThrow().readAt();

            await().atMost(SOON).until(() -> often.status(SHOP).orElseThrow().lastReading().orElseThrow().readAt(),
                    readAt -> readAt.isAfter(first.plusMillis(1500)));
        }
    }

    @Test
    void contactPointsOfAnotherClusterAreAnErrorNeverAReading() {
        ClusterKey other = new ClusterKey("shop", "billing");
        readers.update(Map.of(other, CassandraTarget.plain(List.of("127.0.0.1:9042"), "billing")));

        ReadingStatus status = await().atMost(SOON).until(() -> readers.status(other).orElseThrow(),
                s -> s.lastError().isPresent());

        assertThat(status.lastError().get().message()).isEqualTo(
                "the contact points answer for cluster_name 'cassguard-test', not 'billing': their reading is not used");
        assertThat(status.lastReading()).isEmpty();
        assertThat(status.connected()).isFalse();
    }

    @Test
    void theMetricsSayConnectedAndHowOldTheReadingIs() {
        firstReading(SHOP, dc1());

        String scrape = meters.scrape();

        assertThat(scrape).containsPattern("\ncassguard_cassandra_connected\\{" + SHOP_TAGS + "} 1.0\n")
                .containsPattern("\ncassguard_cassandra_read_errors_total\\{" + SHOP_TAGS + "} 0.0\n")
                .containsPattern("\ncassguard_cassandra_reading_age_seconds\\{" + SHOP_TAGS + "} [0-9.]+\n");
    }

    private CassandraTarget dc1() {
        return CassandraTarget.plain(List.of("127.0.0.1:" + RealCassandra.CQL_PORT), RealCassandra.CLUSTER_NAME);
    }

    private CassandraReading firstReading(ClusterKey key, CassandraTarget target) {
        readers.update(Map.of(key, target));
        return await().atMost(SOON).until(() -> readers.status(key).orElseThrow().lastReading(),
                Optional::isPresent).orElseThrow();
    }

    private CassandraReading reading(ClusterKey key) {
        return readers.status(key).orElseThrow().lastReading().orElseThrow();
    }
}
