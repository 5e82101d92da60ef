package io.cassguard.engine.rules;

import io.cassguard.model.Action;
import io.cassguard.engine.cluster.DatacenterView;
import io.cassguard.engine.cluster.RackView;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code topology-removal}: a datacenter leaves a CassandraCluster only once it has been scaled to 0, one at a time;
 * racks and datacenters are never renamed or removed in place, because Cassandra nodes keep the rack and datacenter
 * they joined. A name that disappears where another appears at the same position counts as a rename.
 */
public class TopologyRemovalRule extends ChangeRule<NoParameters> {

    public TopologyRemovalRule() {
        super("topology-removal", Action.Enforce, NoParameters.class, CASSANDRA_CLUSTERS);
    }


    @Override
    List<Violation> check(Change change, NoParameters parameters) {
        List<Violation> violations = new ArrayList<>();
        List<DatacenterView> removed = new ArrayList<>();
        compare(change.before().datacenters(), change.after().datacenters(), DatacenterView::name,
                (was, now) -> violations.add(Violation.refuse("dc " + was.name() + " renamed to " + now.name()
                        + ": Cassandra nodes keep the datacenter they joined, so a datacenter cannot be renamed; keep the"
                        + " name " + was.name() + " (to move it, add " + now.name() + " as a new datacenter, then retire "
                        + was.name() + ")")),
                removed::add);
        if (removed.size() > 1) {
            violations.add(Violation.refuse(removed.size() + " datacenters removed at once ("
                    + String.join(", ", removed.stream().map(DatacenterView::name).toList())
                    + "); remove one datacenter per change"));
        }
        removed.stream().filter(dc -> dc.nodes() > 0).forEach(dc -> violations.add(Violation.refuse("dc " + dc.name()
                + " removed while it still has " + Change.nodes(dc.nodes()) + "; first remove " + dc.name()
                + " from every keyspace's replication, set its nodesPerRacks to 0 and wait until the cluster is Running,"
                + " then remove it")));
        for (Change.Kept kept : change.keptDatacenters()) {
            String dc = kept.after().name();
            compare(kept.before().racks(), kept.after().racks(), RackView::name,
                    (was, now) -> violations.add(Violation.refuse("rack " + dc + "/" + was.name() + " renamed to "
                            + now.name() + ": Cassandra nodes keep the rack they joined, so a rack cannot be renamed;"
                            + " keep the name " + was.name())),
                    was -> violations.add(Violation.refuse("rack " + dc + "/" + was.name() + " removed: its nodes would"
                            + " go without being decommissioned, so a rack cannot be removed; keep " + was.name()
                            + " in " + dc)));
        }
        return violations;
    }

    /** Reports each old name that is gone, as a rename when a new name took its position, else as a removal. */
    private static <T> void compare(List<T> before, List<T> after, Function<T, String> name,
                                    BiConsumer<T, T> renamed, Consumer<T> removed) {
        Set<String> oldNames = Set.copyOf(before.stream().map(name).toList());
        Set<String> newNames = Set.copyOf(after.stream().map(name).toList());
        for (int i = 0; i < before.size(); i++) {
            T was = before.get(i);
            if (newNames.contains(name.apply(was))) {
                continue;
            }
            if (i < after.size() && !oldNames.contains(name.apply(after.get(i)))) {
                renamed.accept(was, after.get(i));
            } else {
                removed.accept(was);
            }
        }
    }
}
