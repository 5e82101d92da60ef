package io.cassguard.engine.rules;

import io.cassguard.engine.cluster.CassandraVersion;
import io.cassguard.engine.cluster.ClusterView;
import io.cassguard.engine.cluster.DatacenterView;
import io.cassguard.engine.cluster.DeclaredVersion;
import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.cluster.RackView;
import io.cassguard.engine.live.LiveReading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A change to a Cassandra cluster as the rules compare it: the view of the old object and of the new one.
 *
 * @param before the old object's view; null on CREATE
 * @param after  the new object's view; null on DELETE
 * @param liveReading what Cassandra itself last said of the cluster
 */
record ClusterChange(GuardedRequest request, ClusterView before, ClusterView after, LiveState liveState,
                     Set<String> ignoredKeyspaces, LiveReading liveReading) {

    ClusterChange(GuardedRequest request, ClusterView before, ClusterView after, LiveState liveState, Set<String> ignoredKeyspaces) {
        this(request, before, after, liveState, ignoredKeyspaces, liveReading(before != null ? before : after, liveState));
    }

    private static LiveReading liveReading(ClusterView cluster, LiveState liveState) {
        return cluster == null ? LiveReading.NOT_READ : liveState.cassandra(cluster.namespace(), cluster.cluster());
    }

    /** A datacenter present before and after the change. */
    record Kept(DatacenterView before, DatacenterView after) {
    }

    /** An item whose name disappeared where another appeared at the same position: a rename. */
    record Renamed<T>(T was, T now) {
    }

    /** The names gone from a list: renamed (another name took the position) or removed. */
    record NameChanges<T>(List<T> removed, List<Renamed<T>> renamed) {
    }

    /**
     * A size change of racks of one datacenter. Racks sized one by one are grouped when they change alike (CassKop
     * sizes every rack of a datacenter the same); a datacenter sized as a whole is one resize of the whole.
     *
     * @param racks          the racks as {@code dc/rack}
     * @param from           the size field's old value
     * @param to             its new value
     * @param whole          the size is the datacenter's, which its operator spreads over the racks
     * @param removedPerRack the most nodes any one rack loses
     * @param evenly         every rack loses that many
     */
    record Resize(Kept datacenter, List<String> racks, int from, int to, boolean whole, int removedPerRack, boolean evenly) {

        /** {@code dc dc1}, {@code rack dc1/rack1} or {@code racks dc1/rack1, dc1/rack2}. */
        String racksText() {
            return whole ? "dc " + datacenter.after().name()
                    : (racks.size() == 1 ? "rack " : "racks ") + String.join(", ", racks);
        }

        /** The size that removes {@code nodesPerRack} nodes from each rack, and no more than the change asks. */
        int stepDown(int nodesPerRack) {
            return Math.max(to, from - nodesPerRack * (whole ? racks.size() : 1));
        }
    }

    /** A datacenter whose Cassandra version changes, both sides pinned or not. */
    record VersionMove(DatacenterView datacenter, DeclaredVersion from, DeclaredVersion to) {
    }

    /** A change between two known Cassandra versions. */
    record VersionChange(CassandraVersion from, CassandraVersion to) {
    }

    /** A datacenter the change takes out of the cluster, and how the change says so. */
    record Decommission(DatacenterView datacenter, String what) {
    }

    List<Kept> keptDatacenters() {
        List<Kept> kept = new ArrayList<>();
        for (DatacenterView now : after.datacenters()) {
            before.datacenter(now.name()).ifPresent(was -> kept.add(new Kept(was, now)));
        }
        return kept;
    }

    /** The datacenters of the old object gone from the new one, as renames and removals. */
    NameChanges<DatacenterView> datacenterNameChanges() {
        return nameChanges(before.datacenters(), after.datacenters(), DatacenterView::name);
    }

    /** The datacenters of the new object that the old one did not have and that no rename explains. */
    List<DatacenterView> addedDatacenters() {
        Set<String> renamedTo = datacenterNameChanges().renamed().stream().map(r -> r.now().name()).collect(Collectors.toSet());
        return after.datacenters().stream()
                .filter(dc -> before.datacenter(dc.name()).isEmpty() && !renamedTo.contains(dc.name())).toList();
    }

    /** Reports each old name that is gone, as a rename when a new name took its position, else as a removal. */
    static <T> NameChanges<T> nameChanges(List<T> before, List<T> after, Function<T, String> name) {
        Set<String> oldNames = Set.copyOf(before.stream().map(name).toList());
        Set<String> newNames = Set.copyOf(after.stream().map(name).toList());
        List<T> removed = new ArrayList<>();
        List<Renamed<T>> renamed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            T was = before.get(i);
            if (newNames.contains(name.apply(was))) {
                continue;
            }
            if (i < after.size() && !oldNames.contains(name.apply(after.get(i)))) {
                renamed.add(new Renamed<>(was, after.get(i)));
            } else {
                removed.add(was);
            }
        }
        return new NameChanges<>(removed, renamed);
    }

    /** Every size change of the racks the object defines, per datacenter and old -> new size. */
    List<Resize> resizes() {
        List<Resize> resizes = new ArrayList<>();
        for (Kept kept : keptDatacenters()) {
            if (kept.after().sizedAsWhole()) {
                wholeResize(kept).ifPresent(resizes::add);
                continue;
            }
            Map<List<Integer>, List<String>> racksBySize = new LinkedHashMap<>();
            for (RackView rack : kept.after().ownRacks()) {
                Optional<RackView> was = kept.before().rack(rack.name());
                if (was.isPresent() && was.get().nodes() != rack.nodes()) {
                    racksBySize.computeIfAbsent(List.of(was.get().nodes(), rack.nodes()), size -> new ArrayList<>())
                            .add(kept.after().name() + "/" + rack.name());
                }
            }
            racksBySize.forEach((size, racks) -> resizes.add(new Resize(kept, racks, size.get(0), size.get(1), false,
                    size.get(0) - size.get(1), true)));
        }
        return resizes;
    }

    private static Optional<Resize> wholeResize(Kept kept) {
        int from = kept.before().nodes();
        int to = kept.after().nodes();
        if (from == to) {
            return Optional.empty();
        }
        List<Integer> removed = kept.after().racks().stream()
                .map(rack -> kept.before().rack(rack.name()).map(RackView::nodes).orElse(rack.nodes()) - rack.nodes())
                .toList();
        int most = removed.stream().mapToInt(Integer::intValue).max().orElse(0);
        List<String> racks = kept.after().racks().stream().map(rack -> kept.after().name() + "/" + rack.name()).toList();
        return Optional.of(new Resize(kept, racks, from, to, true, most, removed.stream().allMatch(n -> n == most)));
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
        resizes().forEach(resize -> changes.add(resize.racksText() + ": " + after.terms().sizeField() + " " + resize.from()
                + " -> " + resize.to()));
        return changes;
    }

    /** The kept datacenters whose Cassandra version (or, when either is not known, the image) changes. */
    List<VersionMove> versionMoves() {
        return keptDatacenters().stream()
                .filter(kept -> kept.before().version() != null && kept.after().version() != null
                        && kept.after().version().changesVersionFrom(kept.before().version()))
                .map(kept -> new VersionMove(kept.after(), kept.before().version(), kept.after().version()))
                .toList();
    }

    /** What a version rule finds in each datacenter whose version changes, said once per finding (see perDatacenter). */
    List<Violation> perVersionMove(Function<VersionMove, List<Violation>> judge) {
        List<VersionMove> moves = versionMoves();
        return perDatacenter(keptAfter(), dc -> moves.stream().filter(move -> move.datacenter().equals(dc)).flatMap(move -> judge.apply(move).stream())
                        .toList());
    }

    boolean changesVersion() {
        return !versionMoves().isEmpty();
    }

    /** The old and the new Cassandra version of a move, when both are known. */
    static Optional<VersionChange> knownVersionChange(VersionMove move) {
        if (!move.from().isPinned() || !move.to().isPinned()) {
            return Optional.empty();
        }
        return Optional.of(new VersionChange(move.from().version(), move.to().version()));
    }

    /** {@code Cassandra 4.0.11 -> 4.1.5} ({@code DSE ...}, {@code HCD ...}), or the images when a version is not known. */
    String versionChangeText(VersionMove move) {
        DeclaredVersion was = move.from();
        DeclaredVersion now = move.to();
        return was.isPinned() && now.isPinned() ? after.serverName() + " " + was.version() + " -> " + now.version()
                : was.describe() + " -> " + now.describe();
    }

    /** Whether every node of a cluster the object describes whole goes away. */
    boolean stopsWholeCluster() {
        return after.terms().describesWholeCluster() && before.nodes() > 0 && after.nodes() == 0;
    }

    /** The datacenters the change takes out of the cluster, in the kind's own way (none when the whole cluster goes). */
    List<Decommission> decommissions() {
        if (stopsWholeCluster()) {
            return List.of();
        }
        List<Decommission> decommissions = new ArrayList<>();
        for (Kept kept : keptDatacenters()) {
            after.terms().decommission(kept.before(), kept.after())
                    .ifPresent(what -> decommissions.add(new Decommission(kept.after(), what)));
        }
        for (DatacenterView gone : datacenterNameChanges().removed()) {
            after.terms().decommission(gone, null).ifPresent(what -> decommissions.add(new Decommission(gone, what)));
        }
        return decommissions;
    }

    /**
     * What a rule finds per datacenter, each finding said once: one that concerns every datacenter judged is said as
     * it is (a cluster-wide setting, say), any other with the datacenters it concerns first ({@code dc dc2: ...}).
     */
    static List<Violation> perDatacenter(List<DatacenterView> judged, Function<DatacenterView, List<Violation>> judge) {
        return grouped(judged, judge, false);
    }

    /** As {@link #perDatacenter}, but every finding names its datacenters ({@code dc dc1, dc2: ...}). */
    static List<Violation> inDatacenters(List<DatacenterView> judged, Function<DatacenterView, List<Violation>> judge) {
        return grouped(judged, judge, true);
    }

    private static List<Violation> grouped(List<DatacenterView> judged, Function<DatacenterView, List<Violation>> judge,
                                           boolean alwaysNamed) {
        Map<Violation, List<String>> where = new LinkedHashMap<>();
        for (DatacenterView datacenter : judged) {
            judge.apply(datacenter).forEach(found -> where.computeIfAbsent(found, key -> new ArrayList<>()).add(datacenter.name()));
        }
        return where.entrySet().stream()
                .map(found -> !alwaysNamed && found.getValue().size() == judged.size() ? found.getKey()
                        : found.getKey().prefixed("dc " + String.join(", ", found.getValue()) + ": "))
                .toList();
    }

    /** The datacenters of the new object that the old one had too. */
    List<DatacenterView> keptAfter() {
        return keptDatacenters().stream().map(Kept::after).toList();
    }

    static String nodes(int count) {
        return count + (count == 1 ? " node" : " nodes");
    }
}
