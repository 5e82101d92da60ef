package io.cassguard.engine.rules;

import io.cassguard.engine.cluster.ClusterView;
import io.cassguard.engine.cluster.DatacenterView;
import io.cassguard.engine.cluster.GuardedKind;
import io.cassguard.engine.cluster.RackIdentity;
import io.cassguard.engine.cluster.RackView;
import io.cassguard.model.Action;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code immutable-field}: what a Cassandra node recorded when it joined cannot change under it. Its number of
 * tokens is fixed once assigned (judged per rack on the count in effect: CassKop's {@code numTokens} or the
 * {@code num_tokens} of an operator's {@code config} at any level, k8ssandra-operator's default when none); it refuses
 * to start in another datacenter or cluster than the one it joined, or as another server type; the pods' DNS names
 * (and so the seeds) come from the StatefulSet's serviceName; CassKop places a datacenter's pods, and their volumes, by
 * the datacenter's labels.
 */
public class ImmutableFieldRule extends ChangeRule<NoParameters> {

    private static final String UNSET = "(unset)";

    public ImmutableFieldRule() {
        super("immutable-field", Action.Enforce, NoParameters.class, EnumSet.of(GuardedKind.CASSANDRA_CLUSTER,
                GuardedKind.CASSANDRA_DATACENTER, GuardedKind.K8SSANDRA_CLUSTER, GuardedKind.STATEFULSET));
    }

    @Override
    List<Violation> check(ClusterChange change, NoParameters parameters) {
        List<Violation> violations = new ArrayList<>();
        if (change.after().describesWholeDatacenters()) {
            // a setting of the cluster or of a datacenter changes every rack of it: said once, for the datacenters
            violations.addAll(ClusterChange.inDatacenters(change.keptAfter(),
                    dc -> tokenChanges(change, change.before().datacenter(dc.name()).orElseThrow(), dc, true)));
        }
        for (ClusterChange.Kept kept : change.keptDatacenters()) {
            violations.addAll(tokenChanges(change, kept.before(), kept.after(), false));
            String dc = kept.after().name();
            if (!kept.before().labels().equals(kept.after().labels())) {
                violations.add(Violation.refuse("dc " + dc + ": labels " + kept.before().labels() + " -> "
                        + kept.after().labels() + " cannot change: they place the datacenter's pods on the nodes that hold"
                        + " its data; keep " + kept.before().labels()));
            }
        }
        violations.addAll(identity(change));
        String typeBefore = change.before().serverType();
        String typeAfter = change.after().serverType();
        if (!typeBefore.equals(typeAfter)) {
            violations.add(Violation.refuse("serverType " + typeBefore + " -> " + typeAfter + " cannot change: the nodes'"
                    + " data files and system tables are " + typeBefore + "'s; keep " + typeBefore + " (another server type"
                    + " needs a new cluster and a migration of the data)"));
        }
        return violations;
    }

    /**
     * The changes of the effective token count of a datacenter's racks, one per change alike: with
     * {@code everyRack}, those of every rack of the datacenter, unprefixed; else those of some racks (or of a
     * StatefulSet's one rack), each naming its racks.
     */
    private static List<Violation> tokenChanges(ClusterChange change, DatacenterView before, DatacenterView after,
                                                boolean everyRack) {
        Map<List<String>, List<String>> racksByChange = new LinkedHashMap<>();
        List<RackView> keptRacks = after.ownRacks().stream().filter(rack -> before.rack(rack.name()).isPresent()).toList();
        for (RackView rack : keptRacks) {
            RackView.NumTokens was = before.rack(rack.name()).orElseThrow().numTokens();
            RackView.NumTokens now = rack.numTokens();
            String countBefore = was == null ? null : was.count();
            String countAfter = now == null ? null : now.count();
            if (!Objects.equals(countBefore, countAfter)) {
                String field = now != null && now.field() != null ? now.field()
                        : was != null && was.field() != null ? was.field() : change.after().terms().numTokensField();
                racksByChange.computeIfAbsent(Arrays.asList(field, countBefore, countAfter), key -> new ArrayList<>())
                        .add(rack.name());
            }
        }
        boolean wholeDatacenters = change.after().describesWholeDatacenters();
        List<Violation> violations = new ArrayList<>();
        racksByChange.forEach((tokens, racks) -> {
            boolean allRacks = wholeDatacenters && racks.size() == keptRacks.size();
            if (allRacks != everyRack) {
                return;
            }
            String where = allRacks ? ""
                    : !wholeDatacenters ? "rack " + change.after().name() + ": "
                    : (racks.size() == 1 ? "rack " : "racks ") + racks.stream().map(rack -> after.name() + "/" + rack)
                    .collect(Collectors.joining(", ")) + ": ";
            String keep = tokens.get(1) == null ? "leave it unset" : "keep " + tokens.get(1);
            violations.add(Violation.refuse(where + tokens.get(0) + " " + text(tokens.get(1)) + " -> "
                    + text(tokens.get(2)) + " cannot change on existing nodes, whose tokens are assigned; " + keep
                    + " (another token count needs a new datacenter)"));
        });
        return violations;
    }

    /** The cluster a node joined, and for a StatefulSet its datacenter and the service that names its pods. */
    private static List<Violation> identity(ClusterChange change) {
        List<Violation> violations = new ArrayList<>();
        ClusterView after = change.after();
        String where = after.describesWholeDatacenters() ? "" : "rack " + after.name() + ": ";
        String clusterBefore = change.before().cluster();
        String clusterAfter = after.cluster();
        if (!clusterBefore.equals(clusterAfter)) {
            violations.add(Violation.refuse(where + "cluster " + clusterBefore + " -> " + clusterAfter
                    + " cannot change: Cassandra refuses to start a node in another cluster than the one it joined; keep "
                    + clusterBefore + " (" + after.terms().clusterNameField() + ")"));
        }
        if (change.request().kind() != GuardedKind.STATEFULSET) {
            return violations;
        }
        String dcBefore = change.before().datacenters().get(0).name();
        String dcAfter = after.datacenters().get(0).name();
        if (!dcBefore.equals(dcAfter)) {
            violations.add(Violation.refuse(where + "datacenter " + dcBefore + " -> " + dcAfter
                    + " cannot change: Cassandra refuses to start a node in another datacenter than the one it joined;"
                    + " keep " + dcBefore + " (label " + RackIdentity.DATACENTER_LABEL + " or env CASSANDRA_DC)"));
        }
        String serviceBefore = serviceName(change.request().oldAs(StatefulSet.class));
        String serviceAfter = serviceName(change.request().newAs(StatefulSet.class));
        if (!Objects.equals(serviceBefore, serviceAfter)) {
            violations.add(Violation.refuse(where + "serviceName " + text(serviceBefore) + " -> "
                    + text(serviceAfter) + " cannot change: the pods' DNS names, and the seeds, depend on it; keep "
                    + text(serviceBefore)));
        }
        return violations;
    }

    private static String serviceName(StatefulSet statefulSet) {
        return statefulSet.getSpec() == null ? null : statefulSet.getSpec().getServiceName();
    }

    private static String text(String value) {
        return value == null ? UNSET : value;
    }
}
