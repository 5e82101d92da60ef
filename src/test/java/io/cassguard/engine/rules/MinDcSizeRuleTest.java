package io.cassguard.engine.rules;

import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.fixtures.FixtureLiveState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cassguard.engine.fixtures.EngineFixtures.background;
import static io.cassguard.engine.fixtures.EngineFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code min-dc-size} at its default minimum of 3 nodes per datacenter. */
class MinDcSizeRuleTest {

    private static final String RULE = "min-dc-size";
    /** The live cluster of live-state/namespace-live.yaml, as the controller's caches would hold it. */
    private static final LiveState LIVE = new FixtureLiveState();

    @Test
    void refusesADatacenterShrinkingBelowMinNodesPerDc() {
        assertThat(violations(RULE, "cassandracluster-two-dcs-dc2-below-minimum-refused")).containsExactly(Violation.refuse(
                "dc dc2 goes from 3 nodes to 2 nodes, below its minimum of 3 (minNodesPerDc 3); keep at least "
                + "3 nodes in dc2, and retire a datacenter only after removing it from every keyspace's "
                + "replication"));
    }

    @Test
    void passesADatacenterShrinkingToItsMinimum() {
        assertThat(violations(RULE, "cassandracluster-two-dcs-4-to-3-allowed")).isEmpty();
    }

    @Test
    void aReplicationFactorAnnotationRaisesTheMinimum() {
        assertThat(violations(RULE, "cassandracluster-replication-factor-5-below-refused")).containsExactly(Violation.refuse(
                "dc dc1 goes from 6 nodes to 3 nodes, below its minimum of 5 (minNodesPerDc 3, replication "
                + "factor 5 from cassguard.io/replication-factor); keep at least 5 nodes in dc1, and retire a "
                + "datacenter only after removing it from every keyspace's replication"));
    }

    @Test
    void aReplicationFactorPerDatacenterRaisesTheMinimumOfThatDatacenter() {
        assertThat(violations(RULE, "cassandracluster-replication-factor-per-dc-json-refused")).containsExactly(Violation.refuse(
                "dc dc2 goes from 6 nodes to 3 nodes, below its minimum of 5 (minNodesPerDc 3, replication "
                + "factor 5 from cassguard.io/replication-factor); keep at least 5 nodes in dc2, and retire a "
                + "datacenter only after removing it from every keyspace's replication"));
    }

    @Test
    void aReplicationFactorPerDatacenterLeavesTheOthersAtMinNodesPerDc() {
        assertThat(violations(RULE, "cassandracluster-replication-factor-per-dc-json-allowed")).isEmpty();
    }

    @Test
    void refusesAShrinkWhoseReplicationFactorAnnotationCannotBeRead() {
        assertThat(violations(RULE, "cassandracluster-replication-factor-unreadable-refused")).containsExactly(Violation.refuse(
                "annotation cassguard.io/replication-factor \"three\" is neither a number (\"3\") nor a JSON map "
                + "per datacenter ({\"dc1\":3}) of numbers of at least 1; fix it so that the size of a shrinking "
                + "datacenter can be checked"));
    }

    @Test
    void standaloneCountsAStatefulSetAsItsWholeDatacenterAndSaysSo() {
        assertThat(violations(RULE, "statefulset-scale-down-3-to-1-refused")).containsExactly(Violation.refuse(
                "dc dc1 goes from 3 nodes to 1 node (standalone: only this StatefulSet is known in dc1), below "
                + "its minimum of 3 (minNodesPerDc 3); keep at least 3 nodes in dc1, and retire a datacenter "
                + "only after removing it from every keyspace's replication"));
    }

    @Test
    void withTheLiveStateCountsTheSiblingRacksOfTheDatacenter() {
        assertThat(violations(RULE, "statefulset-scale-down-with-sibling-racks-below-minimum-refused", LIVE)).containsExactly(Violation.refuse(
                "dc dc1 goes from 3 nodes to 2 nodes, below its minimum of 3 (minNodesPerDc 3); keep at least "
                + "3 nodes in dc1, and retire a datacenter only after removing it from every keyspace's "
                + "replication"));
    }

    @Test
    void withTheLiveStatePassesARackWhoseSiblingsKeepTheDatacenterAtItsMinimum() {
        assertThat(violations(RULE, "statefulset-scale-subresource-3-to-2-with-sibling-racks-allowed", LIVE)).isEmpty();
    }

    @Test
    void inTheBackgroundRefusesADatacenterRunningBelowItsMinimum() {
        ClusterState tiny = new ClusterState("shop", "tiny", "dc1",
                List.of(new ClusterState.RackState("rack1", 2, 2, List.of("4.1.5"), false)));

        assertThat(background(RULE, tiny, LiveState.NONE)).containsExactly(Violation.refuse(
                "dc dc1 runs 2 nodes, below its minimum of 3 (minNodesPerDc 3); add nodes until it has at least 3 nodes"));
    }

    @Test
    void inTheBackgroundLeavesADatacenterRetiredToZeroNodes() {
        ClusterState retired = new ClusterState("shop", "tiny", "dc2",
                List.of(new ClusterState.RackState("rack1", 0, 0, List.of(), false)));

        assertThat(background(RULE, retired, LiveState.NONE)).isEmpty();
    }

    @Test
    void countsEveryRackOfACassandraDatacenter() {
        assertThat(violations(RULE, "cassandradatacenter-size-6-to-3-allowed")).isEmpty();
    }
}
