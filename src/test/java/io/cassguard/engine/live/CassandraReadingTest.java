package io.cassguard.engine.live;

import io.cassguard.engine.live.CassandraReading.KeyspaceFactor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.cassguard.engine.live.CassandraReading.DEFAULT_IGNORED_KEYSPACES;
import static org.assertj.core.api.Assertions.assertThat;

class CassandraReadingTest {

    private static final Instant READ_AT = Instant.parse("2026-01-10T12:00:00Z");

    private static final Keyspace SYSTEM = Keyspace.fromReplication("system",
            Map.of("class", "org.apache.cassandra.locator.LocalStrategy"));
    private static final Keyspace SYSTEM_SCHEMA = Keyspace.fromReplication("system_schema",
            Map.of("class", "org.apache.cassandra.locator.LocalStrategy"));
    private static final Keyspace SYSTEM_AUTH = simple("system_auth", 1);
    private static final Keyspace SYSTEM_DISTRIBUTED = simple("system_distributed", 3);
    private static final Keyspace ORDERS = nts("orders", Map.of("dc1", "5", "dc2", "3"));
    private static final Keyspace USERS = nts("users", Map.of("dc1", "3"));
    private static final Keyspace ANALYTICS = nts("analytics", Map.of("dc2", "2"));

    private static final CassandraNode DC1_A = new CassandraNode("10.0.0.1", "dc1", "rack1", true, "4.1.5");
    private static final CassandraNode DC1_B = new CassandraNode("10.0.0.2", "dc1", "rack2", false, "4.1.5");
    private static final CassandraNode DC2_A = new CassandraNode("10.0.1.1", "dc2", "rack1", true, "4.1.5");

    private static CassandraReading reading(List<Keyspace> keyspaces, List<CassandraNode> nodes) {
        return new CassandraReading("shop", READ_AT, keyspaces, nodes, true);
    }

    private static final CassandraReading SHOP = reading(
            List.of(USERS, SYSTEM, ORDERS, SYSTEM_AUTH, SYSTEM_SCHEMA, SYSTEM_DISTRIBUTED, ANALYTICS),
            List.of(DC2_A, DC1_B, DC1_A));

    @Test
    void theHighestFactorInADatacenterNamesItsKeyspace() {
        assertThat(SHOP.highestReplicationFactor("dc1", DEFAULT_IGNORED_KEYSPACES))
                .contains(new KeyspaceFactor("orders", 5));
    }

    @Test
    void aSimpleStrategySystemKeyspaceCountsInEveryDatacenter() {
        CassandraReading fresh = reading(List.of(SYSTEM, SYSTEM_SCHEMA, SYSTEM_AUTH, SYSTEM_DISTRIBUTED), List.of(DC1_A));

        assertThat(fresh.highestReplicationFactor("dc7", DEFAULT_IGNORED_KEYSPACES))
                .contains(new KeyspaceFactor("system_distributed", 3));
    }

    @Test
    void ignoredKeyspacesDoNotCount() {
        assertThat(SHOP.highestReplicationFactor("dc1", Set.of("orders", "system_distributed")))
                .contains(new KeyspaceFactor("users", 3));
    }

    @Test
    void amongEqualFactorsTheFirstKeyspaceByNameIsNamed() {
        CassandraReading tie = reading(List.of(nts("zebra", Map.of("dc1", "3")), USERS, nts("apples", Map.of("dc1", "3"))),
                List.of(DC1_A));

        assertThat(tie.highestReplicationFactor("dc1", Set.of())).contains(new KeyspaceFactor("apples", 3));
    }

    @Test
    void aDatacenterNoKeyspaceReplicatesToHasNoFactor() {
        CassandraReading onlyLocal = reading(List.of(SYSTEM, SYSTEM_SCHEMA, USERS), List.of(DC1_A));

        assertThat(onlyLocal.highestReplicationFactor("dc2", DEFAULT_IGNORED_KEYSPACES)).isEmpty();
    }

    @Test
    void theKeyspacesReplicatingToADatacenterAreListedByName() {
        assertThat(SHOP.keyspacesReplicatingTo("dc2", DEFAULT_IGNORED_KEYSPACES)).extracting(Keyspace::name)
                .containsExactly("analytics", "orders", "system_auth", "system_distributed");
    }

    @Test
    void releasingADatacenterKeepsTheOtherDatacentersFactors() {
        assertThat(SHOP.releaseStatement(ORDERS, "dc2")).contains(
                "ALTER KEYSPACE orders WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 5};");
    }

    @Test
    void releasingADatacenterFromSimpleStrategyNamesEveryOtherDatacenter() {
        CassandraReading threeDcs = reading(List.of(SYSTEM_AUTH),
                List.of(DC1_A, DC2_A, new CassandraNode("10.0.2.1", "dc3", "rack1", true, "4.1.5")));

        assertThat(threeDcs.releaseStatement(SYSTEM_AUTH, "dc2")).contains(
                "ALTER KEYSPACE system_auth WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1, 'dc3': 1};");
    }

    @Test
    void aKeyspaceOnlyInTheDatacenterHasNoReleaseStatement() {
        assertThat(SHOP.releaseStatement(ANALYTICS, "dc2")).isEmpty();
    }

    @Test
    void namesThatNeedQuotesAreQuoted() {
        Keyspace mixedCase = nts("Orders", Map.of("dc1", "3", "dc'2", "2"));

        assertThat(SHOP.releaseStatement(mixedCase, "dc1")).contains(
                "ALTER KEYSPACE \"Orders\" WITH replication = {'class': 'NetworkTopologyStrategy', 'dc''2': 2};");
    }

    @Test
    void theNodesDownInADatacenterAreListed() {
        assertThat(SHOP.nodesDown("dc1")).containsExactly(DC1_B);
        assertThat(SHOP.nodesDown("dc2")).isEmpty();
    }

    @Test
    void oneReleaseEverywhereIsNotMixed() {
        assertThat(SHOP.mixedReleaseVersions()).isFalse();
    }

    @Test
    void nodesOnDifferentReleasesAreMixed() {
        CassandraReading upgrading = reading(List.of(USERS),
                List.of(DC1_A, new CassandraNode("10.0.0.3", "dc1", "rack3", true, "5.0.2")));

        assertThat(upgrading.mixedReleaseVersions()).isTrue();
        assertThat(upgrading.releaseVersions()).containsExactly("4.1.5", "5.0.2");
    }

    @Test
    void aNodeWithoutAReportedReleaseDoesNotMakeThemMixed() {
        CassandraReading partly = reading(List.of(USERS), List.of(DC1_A, new CassandraNode("10.0.0.3", "dc1", "rack3", false, "")));

        assertThat(partly.mixedReleaseVersions()).isFalse();
    }

    @Test
    void aReadingOlderThanTheMaximumAgeIsNotFresh() {
        ReadingStatus status = new ReadingStatus(Optional.of(SHOP), Optional.empty(), true);

        assertThat(status.freshReading(Duration.ofMinutes(2), READ_AT.plusSeconds(120))).contains(SHOP);
        assertThat(status.freshReading(Duration.ofMinutes(2), READ_AT.plusSeconds(121))).isEmpty();
    }

    private static Keyspace simple(String name, int factor) {
        return Keyspace.fromReplication(name,
                Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", Integer.toString(factor)));
    }

    private static Keyspace nts(String name, Map<String, String> factors) {
        Map<String, String> replication = new HashMap<>(factors);
        replication.put("class", "org.apache.cassandra.locator.NetworkTopologyStrategy");
        return Keyspace.fromReplication(name, replication);
    }
}
