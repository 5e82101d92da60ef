package io.cassguard.engine.rules;

import io.cassguard.model.Action;
import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.cluster.ClusterView;
import io.cassguard.engine.cluster.DatacenterView;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code unhealthy-cluster}: removing nodes or changing the version while a node is down or another operation runs
 * can leave too few replicas. Health comes from the old object's status (CassKop phase and rack actions; a
 * StatefulSet's ready pods and revisions) and, when the controller runs, from every rack of the datacenter.
 */
public class UnhealthyClusterRule extends ChangeRule<NoParameters> {

    public UnhealthyClusterRule() {
        super("unhealthy-cluster", Action.Enforce, NoParameters.class);
    }

    @Override
    List<Violation> check(Change change, NoParameters parameters) {
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
        if (problems.isEmpty()) {
            return List.of();
        }
        String what = scaleDown && versionChange ? "a scale-down and a version change"
                : scaleDown ? "a scale-down" : "a version change";
        return List.of(Violation.refuse(what + " is refused while the cluster is not healthy: "
                + String.join("; ", problems) + "; wait until " + before.healthyWhen() + ", then retry"));
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
    public List<Violation> checkDatacenter(ClusterState datacenter, Map<String, String> annotations, NoParameters parameters) {
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
        return !before.isCassandraCluster() && rack.name().equals(before.name());
    }

    private static String describe(String datacenter, ClusterState.RackState rack) {
        String where = "rack " + datacenter + "/" + rack.name();
        return rack.readyNodes() < rack.desiredNodes()
                ? where + " has " + rack.readyNodes() + " of " + rack.desiredNodes() + " nodes ready"
                : where + " has a rollout or scale in progress";
    }
}
