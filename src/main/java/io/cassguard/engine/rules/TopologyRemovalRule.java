package io.cassguard.engine.rules;

import io.cassguard.engine.cluster.DatacenterView;
import io.cassguard.engine.cluster.KindTerms;
import io.cassguard.engine.cluster.RackView;
import io.cassguard.model.Action;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code topology-removal}: racks and datacenters are never renamed or removed in place, because Cassandra nodes keep
 * the rack and datacenter they joined; datacenters leave one at a time. Where leaving the object is not itself a
 * decommission (CassKop), a datacenter leaves only once it has been scaled to 0. Where it is (k8ssandra-operator), it
 * is {@code dc-decommission}'s business, but not together with adding another. A name that disappears where another
 * appears at the same position counts as a rename.
 */
public class TopologyRemovalRule extends ChangeRule<NoParameters> {

    public TopologyRemovalRule() {
        super("topology-removal", Action.Enforce, NoParameters.class, OPERATOR_RESOURCES);
    }

    @Override
    List<Violation> check(ClusterChange change, NoParameters parameters) {
        KindTerms terms = change.after().terms();
        List<Violation> violations = new ArrayList<>();
        ClusterChange.NameChanges<DatacenterView> datacenters = change.datacenterNameChanges();
        datacenters.renamed().forEach(renamed -> violations.add(Violation.refuse("dc " + renamed.was().name() + " renamed to "
                + renamed.now().name() + ": Cassandra nodes keep the datacenter they joined, so a datacenter cannot be"
                + " renamed; keep the name " + renamed.was().name() + " (to move it, add " + renamed.now().name()
                + " as a new datacenter, then retire " + renamed.was().name() + ")")));
        List<DatacenterView> removed = datacenters.removed();
        if (removed.size() > 1) {
            violations.add(Violation.refuse(removed.size() + " datacenters removed at once (" + names(removed)
                    + "); remove one datacenter per change"));
        }
        removed.stream()
                .filter(dc -> dc.nodes() > 0 && terms.decommission(dc, null).isEmpty())
                .forEach(dc -> violations.add(Violation.refuse("dc " + dc.name() + " removed while it still has "
                        + ClusterChange.nodes(dc.nodes()) + "; first remove " + dc.name() + " from every keyspace's"
                        + " replication, " + terms.emptyBeforeRemoval(dc) + ", then remove it")));
        List<DatacenterView> added = change.addedDatacenters();
        boolean decommissioning = removed.stream().anyMatch(dc -> terms.decommission(dc, null).isPresent());
        if (decommissioning && !added.isEmpty()) {
            violations.add(Violation.refuse("dc " + names(removed) + " removed and dc " + names(added) + " added in one"
                    + " change; the operator carries out only one of them at a time: remove " + names(removed)
                    + " first, wait until " + terms.settledWhen() + ", then add " + names(added)));
        }
        for (ClusterChange.Kept kept : change.keptDatacenters()) {
            String dc = kept.after().name();
            ClusterChange.NameChanges<RackView> racks =
                    ClusterChange.nameChanges(kept.before().racks(), kept.after().racks(), RackView::name);
            racks.renamed().forEach(renamed -> violations.add(Violation.refuse("rack " + dc + "/" + renamed.was().name()
                    + " renamed to " + renamed.now().name() + ": Cassandra nodes keep the rack they joined, so a rack"
                    + " cannot be renamed; keep the name " + renamed.was().name())));
            racks.removed().forEach(was -> violations.add(Violation.refuse("rack " + dc + "/" + was.name() + " removed:"
                    + " its nodes would go without being decommissioned, so a rack cannot be removed; keep " + was.name()
                    + " in " + dc)));
        }
        return violations;
    }

    private static String names(List<DatacenterView> datacenters) {
        return datacenters.stream().map(DatacenterView::name).collect(Collectors.joining(", "));
    }
}
