package io.cassguard.engine.rules;

import io.cassguard.model.Action;
import org.junit.jupiter.api.Test;

import static io.cassguard.engine.fixtures.EngineFixtures.DEFAULTS;
import static io.cassguard.engine.fixtures.EngineFixtures.applies;
import static io.cassguard.engine.fixtures.EngineFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dc-decommission}: a CassandraCluster datacenter set to 0 nodes on its own, a datacenter removed from a
 * K8ssandraCluster.
 */
class DcDecommissionRuleTest {

    private static final String RULE = "dc-decommission";

    @Test
    void warnsOfADatacenterSetToZeroNodesWhileCassandraIsNotRead() {
        assertThat(violations(RULE, "cassandracluster-dc2-nodes-to-0-warned")).containsExactly(Violation.warn(
                "dc dc2: nodesPerRacks 3 -> 0 decommissions it; first remove dc2 from every keyspace's "
                + "replication"));
    }

    @Test
    void leavesTheWholeClusterGoingToScaleToZero() {
        assertThat(violations(RULE, "cassandracluster-cluster-level-nodes-to-0-refused")).isEmpty();
    }

    @Test
    void leavesADatacenterStoppedByTheClusterLevelSizeToScaleToZero() {
        assertThat(violations(RULE, "cassandracluster-cluster-level-0-stops-inheriting-dc-refused")).isEmpty();
    }

    @Test
    void passesARemovedDatacenterThatWasAtZero() {
        assertThat(violations(RULE, "cassandracluster-remove-dc-after-scaling-to-0-allowed")).isEmpty();
    }

    @Test
    void isEnforcedByDefaultSoThatWhatCassandraReportsIsRefused() {
        assertThat(DEFAULTS.rule(RULE).action()).isEqualTo(Action.Enforce);
    }

    @Test
    void judgesOnlyCassandraClusters() {
        assertThat(applies(RULE, "statefulset-scale-to-0-refused")).isFalse();
    }

    @Test
    void warnsOfADatacenterRemovedFromAK8ssandraClusterWhileCassandraIsNotRead() {
        assertThat(violations(RULE, "k8ssandracluster-remove-dc2-warned")).containsExactly(Violation.warn(
                "dc dc2: removed, which decommissions its 3 nodes; first remove dc2 from every keyspace's replication"));
    }

    @Test
    void leavesARenamedK8ssandraDatacenterToTopologyRemoval() {
        assertThat(violations(RULE, "k8ssandracluster-rename-dc-refused")).isEmpty();
    }

    @Test
    void doesNotJudgeACassandraDatacenterWhichLeavesByBeingDeleted() {
        assertThat(applies(RULE, "cassandradatacenter-size-to-0-refused")).isFalse();
    }
}
