package io.cassguard.engine.rules;

import io.cassguard.model.Action;

import java.util.List;

/**
 * {@code dc-decommission}: a CassandraCluster datacenter set to {@code nodesPerRacks: 0} loses every replica it
 * holds; keyspaces that still replicate to it fail their writes at LOCAL/EACH quorum. Warns by default: it is the
 * supported way to retire a datacenter, once the keyspaces no longer use it.
 */
public class DcDecommissionRule extends ChangeRule<NoParameters> {

    public DcDecommissionRule() {
        super("dc-decommission", Action.Warn, NoParameters.class, CASSANDRA_CLUSTERS);
    }


    @Override
    List<Violation> check(Change change, NoParameters parameters) {
        if (change.stopsWholeCluster()) {
            return List.of(); // the whole cluster going is scale-to-zero's business
        }
        return change.keptDatacenters().stream()
                .filter(kept -> kept.after().ownSize() && kept.after().nodes() == 0 && kept.before().nodes() > 0)
                .map(kept -> Violation.refuse("dc " + kept.after().name() + ": nodesPerRacks "
                        + kept.before().racks().get(0).nodes() + " -> 0 decommissions it; first remove "
                        + kept.after().name() + " from every keyspace's replication"))
                .toList();
    }
}
