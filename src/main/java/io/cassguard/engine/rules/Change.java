package io.cassguard.engine.rules;

import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.cluster.CassandraVersion;
import io.cassguard.engine.cluster.ClusterView;
import io.cassguard.engine.cluster.DatacenterView;
import io.cassguard.engine.cluster.DeclaredVersion;
import io.cassguard.engine.cluster.RackView;
import io.cassguard.engine.live.LiveReading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A change to a Cassandra cluster as the rules compare it: the view of the old object and of the new one.
 *
 * @param before the old object's view; null on CREATE
 * @param after  the new object's view; null on DELETE
 * @param liveReading what Cassandra itself last said of the cluster (DESIGN §8b)
 */
record Change(GuardedRequest request, ClusterView before, ClusterView after, LiveState liveState,
              Set<String> ignoredKeyspaces, LiveReading liveReading) {

    Change(GuardedRequest request, ClusterView before, ClusterView after, LiveState liveState, Set<String> ignoredKeyspaces) {
        this(request, before, after, liveState, ignoredKeyspaces, liveReading(before != null ? before : after, liveState));
    }

    private static LiveReading liveReading(ClusterView cluster, LiveState liveState) {
        return cluster == null ? LiveReading.NOT_READ : liveState.cassandra(cluster.namespace(), cluster.cluster());
    }

    /** A datacenter present before and after the change. */
    record Kept(DatacenterView before, DatacenterView after) {
    }

    /**
     * Racks of one datacenter whose size changes alike (CassKop sizes every rack of a datacenter the same).
     *
     * @param racks the racks as {@code dc/rack}
     */
    record Resize(Kept datacenter, List<String> racks, int from, int to) {

        /** {@code rack dc1/rack1} or {@code racks dc1/rack1, dc1/rack2}. */
        String racksText() {
            return (racks.size() == 1 ? "rack " : "racks ") + String.join(", ", racks);
        }
    }

    List<Kept> keptDatacenters() {
        List<Kept> kept = new ArrayList<>();
        for (DatacenterView now : after.datacenters()) {
            before.datacenter(now.name()).ifPresent(was -> kept.add(new Kept(was, now)));
        }
        return kept;
    }

    /** Every size change of the racks the object defines, grouped per datacenter and old -> new size. */
    List<Resize> resizes() {
        List<Resize> resizes = new ArrayList<>();
        for (Kept kept : keptDatacenters()) {
            Map<List<Integer>, List<String>> racksBySize = new LinkedHashMap<>();
            for (RackView rack : kept.after().ownRacks()) {
                Optional<RackView> was = kept.before().rack(rack.name());
                if (was.isPresent() && was.get().nodes() != rack.nodes()) {
                    racksBySize.computeIfAbsent(List.of(was.get().nodes(), rack.nodes()), size -> new ArrayList<>())
                            .add(kept.after().name() + "/" + rack.name());
                }
            }
            racksBySize.forEach((size, racks) -> resizes.add(new Resize(kept, racks, size.get(0), size.get(1))));
        }
        return resizes;
    }

    /** Whether any node goes away: a rack shrinks, or a rack or datacenter that still has nodes is removed. */
    boolean removesNodes() {
        for (DatacenterView was : before.datacenters()) {
            Optional<DatacenterView> now = after.datacenter(was.name());
            for (RackView rack : was.racks()) {
                int nodesAfter = now.flatMap(dc -> dc.rack(rack.name())).map(RackView::nodes).orElse(0);
                if (nodesAfter < rack.nodes()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What changes in size or topology, one phrase each, e.g. {@code rack dc1/rack1: nodesPerRacks 3 -> 4}. */
    List<String> sizeChanges() {
        List<String> changes = new ArrayList<>();
        before.datacenters().stream().filter(dc -> after.datacenter(dc.name()).isEmpty())
                .forEach(dc -> changes.add("dc " + dc.name() + " removed"));
        after.datacenters().stream().filter(dc -> before.datacenter(dc.name()).isEmpty())
                .forEach(dc -> changes.add("dc " + dc.name() + " added"));
        for (Kept kept : keptDatacenters()) {
            kept.before().ownRacks().stream().filter(rack -> kept.after().rack(rack.name()).isEmpty())
                    .forEach(rack -> changes.add("rack " + kept.before().name() + "/" + rack.name() + " removed"));
            kept.after().ownRacks().stream().filter(rack -> kept.before().rack(rack.name()).isEmpty())
                    .forEach(rack -> changes.add("rack " + kept.after().name() + "/" + rack.name() + " added"));
        }
        resizes().forEach(resize -> changes.add(resize.racksText() + ": " + after.sizeField() + " " + resize.from()
                + " -> " + resize.to()));
        return changes;
    }

    /** Whether both sides declare a version and the Cassandra version (or, when not known, the image) changes. */
    boolean changesVersion() {
        return before.version() != null && after.version() != null && after.version().changesVersionFrom(before.version());
    }

    /** A change between two known Cassandra versions. */
    record VersionChange(CassandraVersion from, CassandraVersion to) {
    }

    /** The old and the new Cassandra version, when both are known and differ. */
    Optional<VersionChange> knownVersionChange() {
        if (!changesVersion() || !before.version().isPinned() || !after.version().isPinned()) {
            return Optional.empty();
        }
        return Optional.of(new VersionChange(before.version().version(), after.version().version()));
    }

    /** {@code Cassandra 4.0.11 -> 4.1.5} ({@code DSE ...} for CassKop's serverType dse), or the images when a version is not known. */
    String versionChangeText() {
        DeclaredVersion was = before.version();
        DeclaredVersion now = after.version();
        String server = after.isApacheCassandra() ? "Cassandra " : "DSE ";
        return was.isPinned() && now.isPinned() ? server + was.version() + " -> " + now.version()
                : was.describe() + " -> " + now.describe();
    }

    /** Whether every node of the cluster the object defines goes away. */
    boolean stopsWholeCluster() {
        return before.nodes() > 0 && after.nodes() == 0;
    }

    static String nodes(int count) {
        return count + (count == 1 ? " node" : " nodes");
    }
}
