package io.cassguard.engine.rules;

import org.junit.jupiter.api.Test;

import static io.cassguard.engine.fixtures.EngineFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code scale-to-zero}: a whole cluster, a rack, or a cluster-level size stopping a datacenter. */
class ScaleToZeroRuleTest {

    private static final String RULE = "scale-to-zero";

    @Test
    void refusesACassandraClusterWhoseEveryNodeGoesAway() {
        assertThat(violations(RULE, "cassandracluster-cluster-level-nodes-to-0-refused")).containsExactly(Violation.refuse(
                "every node of cluster cluster1 goes away (dc1: 9 -> 0 nodes); keep at least 1 node per rack, "
                + "or retire the cluster: annotate it cassguard.io/allow-delete=true, then delete it"));
    }

    @Test
    void readsANegativeNodesPerRacksAsZero() {
        assertThat(violations(RULE, "cassandracluster-negative-nodes-per-racks-refused")).containsExactly(Violation.refuse(
                "every node of cluster cluster1 goes away (dc1: 9 -> 0 nodes); keep at least 1 node per rack, "
                + "or retire the cluster: annotate it cassguard.io/allow-delete=true, then delete it"));
    }

    @Test
    void refusesAClusterLevelZeroThatStopsADatacenterInheritingIt() {
        assertThat(violations(RULE, "cassandracluster-cluster-level-0-stops-inheriting-dc-refused")).containsExactly(Violation.refuse(
                "cluster-level nodesPerRacks 3 -> 0 stops every node of dc2; to retire a datacenter, remove it "
                + "from every keyspace's replication, then set nodesPerRacks: 0 on that datacenter only"));
    }

    @Test
    void leavesADatacenterSetToZeroOnItsOwnToDcDecommission() {
        assertThat(violations(RULE, "cassandracluster-dc2-nodes-to-0-warned")).isEmpty();
    }

    @Test
    void refusesAStatefulSetScaledToZero() {
        assertThat(violations(RULE, "statefulset-scale-to-0-refused")).containsExactly(Violation.refuse(
                "rack dc1/cassandra-dc1-rack1: replicas 3 -> 0 stops every node of the rack; keep at least 1 "
                + "replica, or retire the rack: remove its nodes one at a time, then annotate it "
                + "cassguard.io/allow-delete=true and delete it"));
    }

    @Test
    void refusesAScaleToZero() {
        assertThat(violations(RULE, "statefulset-scale-subresource-to-0-refused")).containsExactly(Violation.refuse(
                "rack dc1/cassandra-dc1-rack1: replicas 1 -> 0 stops every node of the rack; keep at least 1 "
                + "replica, or retire the rack: remove its nodes one at a time, then annotate it "
                + "cassguard.io/allow-delete=true and delete it"));
    }

    @Test
    void warnsOfADatacenterStoppedWithItsDataKept() {
        assertThat(violations(RULE, "cassandradatacenter-stopped-warned")).containsExactly(Violation.warn(
                "dc dc1: stopped: true stops its 6 nodes; the data stays, but dc1 serves no client until stopped is false"));
    }
}
