package io.cassguard.engine.rules;

import io.cassguard.model.Action;
import io.cassguard.engine.cluster.GuardedKind;
import io.cassguard.engine.cluster.RackIdentity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import io.cassguard.engine.cluster.RackView;

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
 * tokens is fixed once assigned (judged per rack on the count in effect: CassKop's {@code numTokens} or
 * {@code config.cassandra-yaml.num_tokens} of the cluster, the datacenter or the rack); it refuses to start in another datacenter or cluster than the one it joined; the
 * pods' DNS names (and so the seeds) come from the StatefulSet's serviceName; CassKop places a datacenter's pods,
 * and their volumes, by the datacenter's labels.
 */
public class ImmutableFieldRule extends ChangeRule<NoParameters> {

    private static final String UNSET = "(unset)";

    public ImmutableFieldRule() {
        super("immutable-field", Action.Enforce, NoParameters.class,
                EnumSet.of(GuardedKind.CASSANDRA_CLUSTER, GuardedKind.STATEFULSET));
    }


    @Override
    List<Violation> check(Change change, NoParameters parameters) {
        List<Violation> violations = new ArrayList<>();
        for (Change.Kept kept : change.keptDatacenters()) {
            String dc = kept.after().name();
            violations.addAll(tokenChanges(change, kept));
            if (!kept.before().labels().equals(kept.after().labels())) {
                violations.add(Violation.refuse("dc " + dc + ": labels " + kept.before().labels() + " -> "
                        + kept.after().labels() + " cannot change: they place the datacenter's pods on the nodes that hold"
                        + " its data; keep " + kept.before().labels()));
            }
        }
        if (change.request().kind() == GuardedKind.STATEFULSET) {
            violations.addAll(statefulSetIdentity(change));
        }
        return violations;
    }

    /**
     * The racks of a datacenter whose effective token count changes, one violation per change alike: a setting of
     * the cluster or the datacenter changes every rack of it, named as the datacenter.
     */
    private static List<Violation> tokenChanges(Change change, Change.Kept kept) {
        Map<List<String>, List<String>> racksByChange = new LinkedHashMap<>();
        List<RackView> keptRacks = kept.after().ownRacks().stream()
                .filter(rack -> kept.before().rack(rack.name()).isPresent()).toList();
        for (RackView rack : keptRacks) {
            RackView.NumTokens before = kept.before().rack(rack.name()).orElseThrow().numTokens();
            RackView.NumTokens after = rack.numTokens();
            String countBefore = before == null ? null : before.count();
            String countAfter = after == null ? null : after.count();
            if (!Objects.equals(countBefore, countAfter)) {
                String field = after != null && after.field() != null ? after.field()
                        : before != null && before.field() != null ? before.field() : "numTokens";
                racksByChange.computeIfAbsent(Arrays.asList(field, countBefore, countAfter), key -> new ArrayList<>())
                        .add(rack.name());
            }
        }
        List<Violation> violations = new ArrayList<>();
        racksByChange.forEach((tokens, racks) -> {
            String where = !change.after().isCassandraCluster() ? "rack " + change.after().name()
                    : racks.size() == keptRacks.size() ? "dc " + kept.after().name()
                    : (racks.size() == 1 ? "rack " : "racks ") + racks.stream().map(rack -> kept.after().name() + "/" + rack)
                    .collect(Collectors.joining(", "));
            violations.add(Violation.refuse(where + ": " + tokens.get(0) + " " + text(tokens.get(1)) + " -> "
                    + text(tokens.get(2)) + " cannot change on existing nodes, whose tokens are assigned; keep "
                    + text(tokens.get(1)) + " (another token count needs a new datacenter)"));
        });
        return violations;
    }

    private static List<Violation> statefulSetIdentity(Change change) {
        List<Violation> violations = new ArrayList<>();
        String rack = change.after().name();
        String clusterBefore = change.before().cluster();
        String clusterAfter = change.after().cluster();
        if (!clusterBefore.equals(clusterAfter)) {
            violations.add(Violation.refuse("rack " + rack + ": cluster " + clusterBefore + " -> " + clusterAfter
                    + " cannot change: Cassandra refuses to start a node in another cluster than the one it joined; keep "
                    + clusterBefore + " (label " + RackIdentity.CLUSTER_LABEL + " or env CASSANDRA_CLUSTER_NAME)"));
        }
        String dcBefore = change.before().datacenters().get(0).name();
        String dcAfter = change.after().datacenters().get(0).name();
        if (!dcBefore.equals(dcAfter)) {
            violations.add(Violation.refuse("rack " + rack + ": datacenter " + dcBefore + " -> " + dcAfter
                    + " cannot change: Cassandra refuses to start a node in another datacenter than the one it joined;"
                    + " keep " + dcBefore + " (label " + RackIdentity.DATACENTER_LABEL + " or env CASSANDRA_DC)"));
        }
        String serviceBefore = serviceName(change.request().oldAs(StatefulSet.class));
        String serviceAfter = serviceName(change.request().newAs(StatefulSet.class));
        if (!Objects.equals(serviceBefore, serviceAfter)) {
            violations.add(Violation.refuse("rack " + rack + ": serviceName " + text(serviceBefore) + " -> "
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
