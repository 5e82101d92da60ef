package io.cassguard.engine.rules;

import io.cassguard.model.Action;
import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.cluster.ClusterView;
import io.cassguard.engine.cluster.DatacenterView;
import io.cassguard.engine.live.CassandraNode;
import io.cassguard.engine.live.CassandraReading;
import io.cassguard.engine.live.LiveReading;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code unhealthy-cluster}: removing nodes or changing the version while a node is down or another operation runs
 * can leave too few replicas. Health comes from the old object's status (CassKop phase and rack actions;
 * cass-operator's status conditions, also as a K8ssandraCluster reports them per datacenter; a StatefulSet's ready
 * pods and revisions) and, when the controller runs, from every rack of the datacenter.
 */
public class UnhealthyClusterRule extends ChangeRule<UnhealthyClusterRule.Parameters> {

    public static class Parameters {
        /** Refuse a scale-down or a version change while Cassandra's own node state is unknown. */
        public boolean requireLiveState;
    }

    public UnhealthyClusterRule() {
        super("unhealthy-cluster", Action.Enforce, Parameters.class);
    }

    @Override
    List<Violation> check(ClusterChange change, Parameters parameters) {
        boolean scaleDown = change.removesNodes();
        boolean versionChange = change.changesVersion();
        if (!scaleDown && !versionChange) {
            return List.of();
        }
        ClusterView before = change.before();
        Set<String> problems = new LinkedHashSet<>(before.health().problems());
        for (DatacenterView dc : before.datacenters()) {
            change.liveState().clusterState(before.namespace(), before.cluster(), dc.name())
                    .ifPresent(state -> state.racks().stream()
                            .filter(rack -> !rack.healthy() && !isJudgedObject(before, rack))
                            .forEach(rack -> problems.add(describe(dc.name(), rack))));
        }
        String what = scaleDown && versionChange ? "a scale-down and a version change"
                : scaleDown ? "a scale-down" : "a version change";
        LiveReading live = change.liveReading();
        if (live.isKnown()) {
            problems.addAll(liveProblems(live, touchedDatacenters(change, versionChange)));
        } else if (parameters.requireLiveState) {
            problems.add("the state of its Cassandra nodes is unknown (" + live.unknownReason() + ") and requireLiveState is set");
        }
        if (problems.isEmpty()) {
            return List.of();
        }
        return List.of(Violation.refuse(what + " is refused while the cluster is not healthy: "
                + String.join("; ", problems) + "; wait until " + before.terms().healthyWhen() + ", then retry"));
    }

    /**
     * The datacenters whose nodes Cassandra must report up: those that lose nodes, and every one for a version
     * change. A node down in another datacenter does not stop a scale-down here: LOCAL_QUORUM there is unaffected.
     */
    private static Set<String> touchedDatacenters(ClusterChange change, boolean versionChange) {
        Set<String> touched = new TreeSet<>();
        for (DatacenterView dc : change.before().datacenters()) {
            int after = change.after().datacenter(dc.name()).map(DatacenterView::nodes).orElse(0);
            if (versionChange || after < dc.nodes()) {
                touched.add(dc.name());
            }
        }
        return touched;
    }

    /** What Cassandra itself says is wrong: nodes down in the datacenters touched, schema disagreement, mixed releases. */
    private static List<String> liveProblems(LiveReading live, Set<String> datacenters) {
        CassandraReading reading = live.reading().orElseThrow();
        List<String> problems = new ArrayList<>();
        for (String dc : datacenters) {
            List<String> down = reading.nodesDown(dc).stream().map(CassandraNode::address).toList();
            if (!down.isEmpty()) {
                problems.add("Cassandra reports " + (down.size() == 1 ? "node " : "nodes ") + String.join(", ", down)
                        + " of dc " + dc + " down (" + live.ageText() + ")");
            }
        }
        if (!reading.schemaAgreement()) {
            problems.add("the nodes disagree on the schema version (" + live.ageText() + ")");
        }
        if (reading.mixedReleaseVersions()) {
            problems.add("the nodes run different Cassandra releases " + reading.releaseVersions() + ", an upgrade under way ("
                    + live.ageText() + ")");
        }
        return problems;
    }

    /**
     * A datacenter with a rack not ready or busy, where scale-downs and version changes wait; and one whose racks run
     * different versions while none rolls out, an upgrade left half done. Both are warnings: nothing is wrong yet.
     */
    @Override
    public boolean judgesDatacenters() {
        return true;
    }

    @Override
    public List<Violation> checkDatacenter(ClusterState datacenter, RuleContext<Parameters> context) {
        List<Violation> findings = new ArrayList<>();
        List<String> problems = datacenter.racks().stream().filter(rack -> !rack.healthy())
                .map(rack -> describe(datacenter.datacenter(), rack)).toList();
        if (!problems.isEmpty()) {
            findings.add(Violation.warn(String.join("; ", problems) + "; scale-downs and version changes of dc "
                    + datacenter.datacenter() + " are refused until every rack is ready and settled"));
        }
        Map<String, List<String>> versions = new TreeMap<>();
        datacenter.racks().forEach(rack -> versions.put(rack.name(), rack.versions()));
        if (problems.isEmpty() && versions.values().stream().flatMap(List::stream).distinct().count() > 1) {
            findings.add(Violation.warn("the racks of dc " + datacenter.datacenter() + " run different Cassandra versions "
                    + versions + " and none is rolling out; finish the upgrade (or the rollback) of every rack"));
        }
        return findings;
    }

    /** A StatefulSet's own rack is judged from the review's old object, as fresh as the cache or fresher. */
    private static boolean isJudgedObject(ClusterView before, ClusterState.RackState rack) {
        return !before.describesWholeDatacenters() && rack.name().equals(before.name());
    }

    private static String describe(String datacenter, ClusterState.RackState rack) {
        String where = "rack " + datacenter + "/" + rack.name();
        return rack.readyNodes() < rack.desiredNodes()
                ? where + " has " + rack.readyNodes() + " of " + rack.desiredNodes() + " nodes ready"
                : where + " has a rollout or scale in progress";
    }
}
