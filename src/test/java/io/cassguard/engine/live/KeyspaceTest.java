package io.cassguard.engine.live;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyspaceTest {

    @Test
    void networkTopologyStrategyKeepsItsFactorPerNamedDatacenter() {
        Keyspace orders = Keyspace.fromReplication("orders", Map.of(
                "class", "org.apache.cassandra.locator.NetworkTopologyStrategy", "dc1", "3", "dc2", "2"));

        assertThat(orders).isEqualTo(new Keyspace("orders", "NetworkTopologyStrategy", 0, Map.of("dc1", 3, "dc2", 2)));
        assertThat(orders.factorIn("dc2")).isEqualTo(2);
        assertThat(orders.replicatesTo("dc3")).isFalse();
    }

    @Test
    void simpleStrategyCountsInEveryDatacenter() {
        Keyspace auth = Keyspace.fromReplication("system_auth", Map.of(
                "class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "1"));

        assertThat(auth).isEqualTo(new Keyspace("system_auth", "SimpleStrategy", 1, Map.of()));
        assertThat(auth.factorIn("any-dc")).isEqualTo(1);
    }

    @Test
    void localStrategyReplicatesNowhere() {
        Keyspace system = Keyspace.fromReplication("system", Map.of("class", "org.apache.cassandra.locator.LocalStrategy"));

        assertThat(system.replicatesTo("dc1")).isFalse();
    }

    @Test
    void transientReplicationCountsEveryReplica() {
        Keyspace events = Keyspace.fromReplication("events", Map.of(
                "class", "org.apache.cassandra.locator.NetworkTopologyStrategy", "dc1", "3/1"));

        assertThat(events.factorIn("dc1")).isEqualTo(3);
    }

    @Test
    void aCustomStrategyKeepsItsClassName() {
        Keyspace custom = Keyspace.fromReplication("custom", Map.of("class", "com.example.MyStrategy", "dc1", "2"));

        assertThat(custom.replicationClass()).isEqualTo("com.example.MyStrategy");
        assertThat(custom.factorIn("dc1")).isEqualTo(2);
    }

    @Test
    void aFactorThatIsNotANumberIsRefusedNamingTheKeyspace() {
        assertThatThrownBy(() -> Keyspace.fromReplication("odd", Map.of(
                "class", "org.apache.cassandra.locator.NetworkTopologyStrategy", "dc1", "three")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyspace odd: replication factor 'three' is not a number");
    }
}
