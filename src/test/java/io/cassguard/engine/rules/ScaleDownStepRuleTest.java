package io.cassguard.engine.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.fixtures.FixtureLiveState;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cassguard.engine.fixtures.EngineFixtures.applies;
import static io.cassguard.engine.fixtures.EngineFixtures.review;
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

    @Test
    void leavesCassOperatorWhichRemovesOneNodeAtATimeItself() {
        assertThat(violations(RULE, "cassandradatacenter-stepwise-size-9-to-3-refused")).isEmpty();
    }

    @Test
    void whenThePolicyAsksTheNextStepOfACassandraDatacenterRemovesOneNodeFromEachRack() {
        List<Violation> found = violations(new ScaleDownStepRule(), operatorScalingJudged(),
                review("cassandradatacenter-stepwise-size-9-to-3-refused"));

        assertThat(found).extracting(Violation::message).containsExactly("dc dc1: size 9 -> 3 removes 2 nodes from each"
                + " rack in one change; remove at most 1 node per rack per change: set size to 6 first and wait until the"
                + " datacenter is Ready");
        assertThat(found.get(0).nextStep().object().at("/spec/size").asInt()).isEqualTo(6);
    }

    @Test
    void theNextStepOfAK8ssandraDatacenterSetsThatDatacentersSizeAlone() {
        JsonNode review = review("k8ssandracluster-dc1-size-3-to-4-allowed");
        ((ObjectNode) review.at("/request/oldObject/spec/cassandra/datacenters/0")).put("size", 9);
        ((ObjectNode) review.at("/request/object/spec/cassandra/datacenters/0")).put("size", 4);

        List<Violation> found = violations(new ScaleDownStepRule(), operatorScalingJudged(), review);

        assertThat(found).extracting(Violation::message).containsExactly("dc dc1: size 9 -> 4 removes 2 nodes from a rack"
                + " in one change; remove at most 1 node per rack per change: set size of dc1 to 6 first and wait until"
                + " every datacenter is Ready");
        JsonNode step = found.get(0).nextStep().object().at("/spec/cassandra/datacenters");
        assertThat(step.get(0).path("size").asInt()).isEqualTo(6);
        assertThat(step.get(1).path("size").asInt()).isEqualTo(3);
    }

    private static ScaleDownStepRule.Parameters operatorScalingJudged() {
        ScaleDownStepRule.Parameters parameters = new ScaleDownStepRule.Parameters();
        parameters.appliesToOperatorScaling = true;
        return parameters;
    }

    /** A refusal's message; its next step (the object it suggests) is the decision's business, tested there. */
    private static Tuple refusal(String message) {
        return tuple(message, Violation.Kind.REFUSAL);
    }
}
