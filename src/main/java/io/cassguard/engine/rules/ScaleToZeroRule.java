package io.cassguard.engine.rules;

import io.cassguard.model.Action;
import io.cassguard.engine.cluster.Annotations;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code scale-to-zero}: a cluster scaled to 0 serves nothing and a rack scaled to 0 drops its nodes without
 * decommissioning them. A CassandraCluster datacenter going to 0 through its own {@code nodesPerRacks} is a
 * decommission ({@code dc-decommission}), unless every datacenter goes.
 */
public class ScaleToZeroRule extends ChangeRule<NoParameters> {

    public ScaleToZeroRule() {
        super("scale-to-zero", Action.Enforce, NoParameters.class);
    }

    @Override
    List<Violation> check(Change change, NoParameters parameters) {
        if (!change.after().isCassandraCluster()) {
            return change.resizes().stream().filter(resize -> resize.to() == 0 && resize.from() > 0)
                    .map(resize -> Violation.refuse(resize.racksText() + ": " + change.after().sizeField() + " " + resize.from()
                            + " -> 0 stops every node of the rack; keep at least 1 replica, or retire the rack: remove its"
                            + " nodes one at a time, then annotate it " + Annotations.ALLOW_DELETE + "=true and delete it"))
                    .toList();
        }
        if (change.stopsWholeCluster()) {
            String datacenters = change.keptDatacenters().stream()
                    .map(kept -> kept.after().name() + ": " + kept.before().nodes() + " -> 0 nodes")
                    .collect(Collectors.joining(", "));
            return List.of(Violation.refuse("every node of cluster " + change.after().cluster() + " goes away ("
                    + datacenters + "); keep at least 1 node per rack, or retire the cluster: annotate it "
                    + Annotations.ALLOW_DELETE + "=true, then delete it"));
        }
        List<Change.Kept> stopped = change.keptDatacenters().stream()
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
}
