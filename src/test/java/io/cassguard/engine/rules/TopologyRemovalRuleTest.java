package io.cassguard.engine.rules;

import org.junit.jupiter.api.Test;

import static io.cassguard.engine.fixtures.EngineFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code topology-removal}: datacenters and racks removed or renamed. */
class TopologyRemovalRuleTest {

    private static final String RULE = "topology-removal";

    @Test
    void refusesRemovingADatacenterThatStillHasNodes() {
        assertThat(violations(RULE, "cassandracluster-remove-dc-with-nodes-refused")).containsExactly(Violation.refuse(
                "dc dc2 removed while it still has 3 nodes; first remove dc2 from every keyspace's "
                + "replication, set its nodesPerRacks to 0 and wait until the cluster is Running, then remove it"));
    }

    @Test
    void passesRemovingADatacenterScaledToZeroFirst() {
        assertThat(violations(RULE, "cassandracluster-remove-dc-after-scaling-to-0-allowed")).isEmpty();
    }

    @Test
    void refusesRemovingTwoDatacentersAtOnce() {
        assertThat(violations(RULE, "cassandracluster-remove-two-dcs-at-once-refused")).containsExactly(Violation.refuse(
                "2 datacenters removed at once (dc2, dc3); remove one datacenter per change"));
    }

    @Test
    void refusesRenamingARack() {
        assertThat(violations(RULE, "cassandracluster-rename-rack-refused")).containsExactly(Violation.refuse(
                "rack dc1/rack2 renamed to rack9: Cassandra nodes keep the rack they joined, so a rack cannot "
                + "be renamed; keep the name rack2"));
    }

    @Test
    void refusesRemovingARack() {
        assertThat(violations(RULE, "cassandracluster-remove-rack-refused")).containsExactly(Violation.refuse(
                "rack dc1/rack3 removed: its nodes would go without being decommissioned, so a rack cannot be "
                + "removed; keep rack3 in dc1"));
    }

    @Test
    void refusesRenamingADatacenter() {
        assertThat(violations(RULE, "cassandracluster-rename-dc-refused")).containsExactly(Violation.refuse(
                "dc dc1 renamed to europe1: Cassandra nodes keep the datacenter they joined, so a datacenter "
                + "cannot be renamed; keep the name dc1 (to move it, add europe1 as a new datacenter, then "
                + "retire dc1)"));
    }

    @Test
    void passesAddingADatacenter() {
        assertThat(violations(RULE, "cassandracluster-add-dc-allowed")).isEmpty();
    }

    @Test
    void leavesADatacenterRemovedFromAK8ssandraClusterToDcDecommission() {
        assertThat(violations(RULE, "k8ssandracluster-remove-dc2-warned")).isEmpty();
    }

    @Test
    void refusesAK8ssandraDatacenterRemovedWhileAnotherIsAdded() {
        assertThat(violations(RULE, "k8ssandracluster-remove-dc2-and-add-dc3-at-once-refused")).containsExactly(
                Violation.refuse("dc dc2 removed and dc dc3 added in one change; the operator carries out only one of"
                        + " them at a time: remove dc2 first, wait until every datacenter is Ready, then add dc3"));
    }

    @Test
    void refusesARackRemovedFromACassandraDatacenter() {
        assertThat(violations(RULE, "cassandradatacenter-rack-removed-refused")).containsExactly(Violation.refuse(
                "rack dc1/r3 removed: its nodes would go without being decommissioned, so a rack cannot be removed;"
                        + " keep r3 in dc1"));
    }
}
