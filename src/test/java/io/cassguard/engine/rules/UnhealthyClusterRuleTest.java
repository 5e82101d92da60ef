package io.cassguard.engine.rules;

import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.fixtures.FixtureLiveState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cassguard.engine.fixtures.EngineFixtures.background;
import static io.cassguard.engine.fixtures.EngineFixtures.applies;
import static io.cassguard.engine.fixtures.EngineFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code unhealthy-cluster}: scale-downs and version changes wait for a healthy cluster. */
class UnhealthyClusterRuleTest {

    private static final String RULE = "unhealthy-cluster";
    /** The live cluster of live-state/namespace-live.yaml, as the controller's caches would hold it. */
    private static final LiveState LIVE = new FixtureLiveState();

    @Test
    void refusesAScaleDownWhileTheCassandraClusterIsPendingWithARackActionOngoing() {
        assertThat(violations(RULE, "cassandracluster-scale-down-while-pending-refused")).containsExactly(Violation.refuse(
                "a scale-down is refused while the cluster is not healthy: status.phase is Pending, not "
                + "Running; rack dc1-rack2 has action UpdateResources Ongoing; wait until the cluster is Running "
                + "with every rack ready and no rack action Ongoing or ToDo, then retry"));
    }

    @Test
    void refusesAVersionChangeWhileARackActionIsToDo() {
        assertThat(violations(RULE, "cassandracluster-upgrade-while-rack-action-to-do-refused")).containsExactly(Violation.refuse(
                "a version change is refused while the cluster is not healthy: rack dc1-rack1 has action "
                + "UpdateSeedList ToDo; wait until the cluster is Running with every rack ready and no rack "
                + "action Ongoing or ToDo, then retry"));
    }

    @Test
    void namesBothAScaleDownAndAVersionChangeMadeAtOnce() {
        assertThat(violations(RULE, "cassandracluster-scale-down-by-exempt-operator")).containsExactly(Violation.refuse(
                "a scale-down and a version change is refused while the cluster is not healthy: CassKop has "
                + "reported no status.phase yet; wait until the cluster is Running with every rack ready and no "
                + "rack action Ongoing or ToDo, then retry"));
    }

    @Test
    void passesAScaleUpWhileTheClusterIsPending() {
        assertThat(violations(RULE, "cassandracluster-scale-up-while-pending-allowed")).isEmpty();
    }

    @Test
    void refusesAStatefulSetScaleDownWhileAPodIsNotReady() {
        assertThat(violations(RULE, "statefulset-scale-down-while-pod-not-ready-refused")).containsExactly(Violation.refuse(
                "a scale-down is refused while the cluster is not healthy: only 4 of 5 pods of rack "
                + "cassandra-dc1-rack1 are ready; wait until every rack of the datacenter has all its pods ready "
                + "and updated, then retry"));
    }

    @Test
    void refusesAStatefulSetScaleDownWhileThePreviousScaleSettles() {
        assertThat(violations(RULE, "statefulset-scale-down-while-previous-scale-settles-refused")).containsExactly(Violation.refuse(
                "a scale-down is refused while the cluster is not healthy: a scale of rack cassandra-dc1-rack1 "
                + "is in progress (5 pods for 4 replicas); wait until every rack of the datacenter has all its "
                + "pods ready and updated, then retry"));
    }

    @Test
    void refusesAStatefulSetUpgradeDuringARollout() {
        assertThat(violations(RULE, "statefulset-upgrade-during-rollout-refused")).containsExactly(Violation.refuse(
                "a version change is refused while the cluster is not healthy: a rollout of rack "
                + "cassandra-dc1-rack1 is in progress (currentRevision cassandra-dc1-rack1-6c8e, updateRevision "
                + "cassandra-dc1-rack1-7d9f); wait until every rack of the datacenter has all its pods ready and "
                + "updated, then retry"));
    }

    @Test
    void standaloneKnowsNothingOfTheSiblingRacks() {
        assertThat(violations(RULE, "statefulset-scale-down-while-sibling-rack-not-ready-refused")).isEmpty();
    }

    @Test
    void withTheLiveStateRefusesAScaleDownWhileASiblingRackIsNotReady() {
        assertThat(violations(RULE, "statefulset-scale-down-while-sibling-rack-not-ready-refused", LIVE)).containsExactly(Violation.refuse(
                "a scale-down is refused while the cluster is not healthy: rack dc1/shaky-dc1-rack2 has 2 of 3 "
                + "nodes ready; wait until every rack of the datacenter has all its pods ready and updated, then "
                + "retry"));
    }

    @Test
    void withTheLiveStateRefusesACassandraClusterScaleDownWhileALiveRackIsNotReady() {
        assertThat(violations(RULE, "cassandracluster-scale-down-while-live-rack-not-ready-refused", LIVE)).containsExactly(Violation.refuse(
                "a scale-down is refused while the cluster is not healthy: rack dc1/rack2 has 2 of 3 nodes "
                + "ready; wait until the cluster is Running with every rack ready and no rack action Ongoing or "
                + "ToDo, then retry"));
    }

    @Test
    void judgesCassKopsOwnStatefulSetsTooForWhatThePolicysOperatorsDoIsExemptedBeforeAnyRule() {
        assertThat(applies(RULE, "statefulset-casskop-scale-down-during-its-decommission-allowed")).isTrue();
    }

    @Test
    void inTheBackgroundWarnsOfADatacenterWithARackNotReady() {
        ClusterState shaky = LIVE.clusterState("live", "shaky", "dc1").orElseThrow();

        assertThat(background(RULE, shaky, LiveState.NONE)).containsExactly(Violation.warn(
                "rack dc1/shaky-dc1-rack2 has 2 of 3 nodes ready; scale-downs and version changes of dc dc1 are refused"
                + " until every rack is ready and settled"));
    }

    @Test
    void inTheBackgroundWarnsOfRacksLeftOnDifferentVersions() {
        ClusterState halfUpgraded = new ClusterState("shop", "orders", "dc1", List.of(
                new ClusterState.RackState("rack1", 3, 3, List.of("4.1.5"), false),
                new ClusterState.RackState("rack2", 3, 3, List.of("4.0.11"), false)));

        assertThat(background(RULE, halfUpgraded, LiveState.NONE)).containsExactly(Violation.warn(
                "the racks of dc dc1 run different Cassandra versions {rack1=[4.1.5], rack2=[4.0.11]} and none is"
                + " rolling out; finish the upgrade (or the rollback) of every rack"));
    }

    @Test
    void refusesAShrinkOfAK8ssandraDatacenterWhileAnotherScalesUp() {
        assertThat(violations(RULE, "k8ssandracluster-scale-down-while-dc1-scales-up-refused")).extracting(Violation::message)
                .containsExactly("a scale-down is refused while the cluster is not healthy: dc dc1: condition ScalingUp is"
                        + " True; wait until every datacenter of the K8ssandraCluster is Ready, with no scale, update,"
                        + " rolling restart or node replacement in progress, then retry");
    }
}
