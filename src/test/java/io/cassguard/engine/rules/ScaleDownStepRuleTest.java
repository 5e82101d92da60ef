package io.cassguard.engine.rules;

import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.fixtures.FixtureLiveState;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import static io.cassguard.engine.fixtures.EngineFixtures.applies;
import static io.cassguard.engine.fixtures.EngineFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@code scale-down-step} at its default of 1 node removed per rack per change. */
class ScaleDownStepRuleTest {

    private static final String RULE = "scale-down-step";
    /** The live cluster of live-state/namespace-live.yaml, as the controller's caches would hold it. */
    private static final LiveState LIVE = new FixtureLiveState();

    @Test
    void refusesACassandraClusterRemovingTwoNodesFromEachRackAndNamesTheNextStep() {
        assertThat(violations(RULE, "cassandracluster-three-racks-3-to-1-refused")).extracting(Violation::message, Violation::kind).containsExactly(refusal(
                "racks dc1/rack1, dc1/rack2, dc1/rack3: nodesPerRacks 3 -> 1 removes 2 nodes from each rack in "
                + "one change; remove at most 1 node per rack per change: set nodesPerRacks to 2 first and wait "
                + "until the cluster is Running"));
    }

    @Test
    void namesTheDatacenterWhoseOwnNodesPerRacksShrinks() {
        assertThat(violations(RULE, "cassandracluster-dc-level-nodes-3-to-1-refused")).extracting(Violation::message, Violation::kind).containsExactly(refusal(
                "racks dc2/rack1, dc2/rack2, dc2/rack3: nodesPerRacks 3 -> 1 removes 2 nodes from each rack in "
                + "one change; remove at most 1 node per rack per change: set nodesPerRacks of dc2 to 2 first "
                + "and wait until the cluster is Running"));
    }

    @Test
    void passesACassandraClusterRemovingOneNodePerRack() {
        assertThat(violations(RULE, "cassandracluster-three-racks-3-to-2-allowed")).isEmpty();
    }

    @Test
    void refusesAStatefulSetLosingTwoReplicasAndGivesTheKubectlScaleOfOneStep() {
        assertThat(violations(RULE, "statefulset-scale-down-3-to-1-refused")).extracting(Violation::message, Violation::kind).containsExactly(refusal(
                "rack dc1/cassandra-dc1-rack1: replicas 3 -> 1 removes 2 nodes in one change; remove at most 1 "
                + "node per rack per change: scale to 2 (kubectl scale statefulset cassandra-dc1-rack1 -n "
                + "cassandra --replicas=2) first and wait until all pods of the rack are ready"));
    }

    @Test
    void passesAStatefulSetLosingOneReplica() {
        assertThat(violations(RULE, "statefulset-scale-down-4-to-3-allowed")).isEmpty();
    }

    @Test
    void judgesAScaleOfTheStatefulSetLikeTheStatefulSet() {
        assertThat(violations(RULE, "statefulset-scale-subresource-3-to-1-refused")).extracting(Violation::message, Violation::kind).containsExactly(refusal(
                "rack dc1/cassandra-dc1-rack1: replicas 3 -> 1 removes 2 nodes in one change; remove at most 1 "
                + "node per rack per change: scale to 2 (kubectl scale statefulset cassandra-dc1-rack1 -n "
                + "cassandra --replicas=2) first and wait until all pods of the rack are ready"));
    }

    @Test
    void passesAScaleLosingOneReplica() {
        assertThat(violations(RULE, "statefulset-scale-subresource-4-to-3-allowed")).isEmpty();
    }

    @Test
    void judgesAScaleOfARackTheLiveStateKnows() {
        assertThat(violations(RULE, "statefulset-scale-subresource-3-to-1-with-sibling-racks-refused", LIVE)).extracting(Violation::message, Violation::kind).containsExactly(refusal(
                "rack dc1/prod-dc1-rack1: replicas 3 -> 1 removes 2 nodes in one change; remove at most 1 node "
                + "per rack per change: scale to 2 (kubectl scale statefulset prod-dc1-rack1 -n live "
                + "--replicas=2) first and wait until all pods of the rack are ready"));
    }

    @Test
    void doesNotJudgeACreate() {
        assertThat(applies(RULE, "statefulset-create-bare")).isFalse();
    }

    /** A refusal's message; its next step (the object it suggests) is the decision's business, tested there. */
    private static Tuple refusal(String message) {
        return tuple(message, Violation.Kind.REFUSAL);
    }
}
