package io.cassguard.engine.rules;

import io.cassguard.engine.cluster.Annotations;
import io.cassguard.model.Action;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code scale-to-zero}: a cluster scaled to 0 serves nothing and a rack scaled to 0 drops its nodes without
 * decommissioning them. A CassandraCluster datacenter going to 0 through its own {@code nodesPerRacks} is a
 * decommission ({@code dc-decommission}), unless every datacenter goes. cass-operator's {@code stopped: true} stops
 * every pod of a datacenter and keeps the data: only a warning that says what it stops.
 */
public class ScaleToZeroRule extends ChangeRule<NoParameters> {

    public ScaleToZeroRule() {
        super("scale-to-zero", Action.Enforce, NoParameters.class);
    }

    @Override
    List<Violation> check(ClusterChange change, NoParameters parameters) {
        if (!change.after().describesWholeDatacenters()) {
            return change.resizes().stream().filter(resize -> resize.to() == 0 && resize.from() > 0)
                    .map(resize -> Violation.refuse(resize.racksText() + ": " + change.after().terms().sizeField() + " "
                            + resize.from() + " -> 0 stops every node of the rack; keep at least 1 replica, or retire the"
                            + " rack: remove its nodes one at a time, then annotate it " + Annotations.ALLOW_DELETE
                            + "=true and delete it"))
                    .toList();
        }
        List<Violation> violations = new ArrayList<>();
        if (change.stopsWholeCluster()) {
            String datacenters = change.keptDatacenters().stream()
                    .map(kept -> kept.after().name() + ": " + kept.before().nodes() + " -> 0 nodes")
                    .collect(Collectors.joining(", "));
            violations.add(Violation.refuse("every node of cluster " + change.after().cluster() + " goes away ("
                    + datacenters + "); keep at least 1 node per rack, or retire the cluster: annotate it "
                    + Annotations.ALLOW_DELETE + "=true, then delete it"));
        } else {
            violations.addAll(datacentersSizedToZero(change));
            violations.addAll(clusterLevelToZero(change));
        }
        violations.addAll(stopped(change));
        return violations;
    }

    /** cass-operator's datacenters cannot have 0 nodes (its CRD's minimum is 1): stop them, or retire them. */
    private static List<Violation> datacentersSizedToZero(ClusterChange change) {
        return change.keptDatacenters().stream()
                .filter(kept -> kept.after().sizedAsWhole() && kept.after().nodes() == 0 && kept.before().nodes() > 0)
                .map(kept -> Violation.refuse("dc " + kept.after().name() + ": size " + kept.before().nodes() + " -> 0"
                        + " stops every node of the datacenter, and cass-operator's size is at least 1; to stop its pods"
                        + " and keep the data, set stopped: true instead; " + change.after().terms()
                        .retireStep(change.after(), kept.after())))
                .toList();
    }

    /** CassKop's cluster-level nodesPerRacks at 0 stops every datacenter that has no size of its own. */
    private static List<Violation> clusterLevelToZero(ClusterChange change) {
        List<ClusterChange.Kept> stopped = change.keptDatacenters().stream()
                .filter(kept -> !kept.after().ownSize() && kept.after().nodes() == 0 && kept.before().nodes() > 0)
                .toList();
        if (stopped.isEmpty()) {
            return List.of();
        }
        return List.of(Violation.refuse("cluster-level nodesPerRacks " + stopped.get(0).before().racks().get(0).nodes()
                + " -> 0 stops every node of " + stopped.stream().map(kept -> kept.after().name()).collect(Collectors.joining(", "))
                + "; to retire a datacenter, remove it from every keyspace's replication, then set nodesPerRacks: 0 on"
                + " that datacenter only"));
    }

    /** A datacenter stopped by this change: its data stays, it serves no client meanwhile. */
    private static List<Violation> stopped(ClusterChange change) {
        return change.keptDatacenters().stream()
                .filter(kept -> !kept.before().stopped() && kept.after().stopped() && kept.before().nodes() > 0)
                .map(ClusterChange.Kept::after)
                .map(dc -> Violation.warn("dc " + dc.name() + ": stopped: true stops its " + ClusterChange.nodes(dc.nodes())
                        + "; the data stays, but " + dc.name() + " serves no client until stopped is false"))
                .toList();
    }
}
