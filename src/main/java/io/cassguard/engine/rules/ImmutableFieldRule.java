package io.cassguard.engine.rules;

import io.cassguard.model.Action;
import io.cassguard.engine.cluster.GuardedKind;
import io.cassguard.engine.cluster.RackIdentity;
import io.cassguard.engine.cluster.ClusterView;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.EnumSet;

/**
 * {@code immutable-field}: what a Cassandra node recorded when it joined cannot change under it. Its number of
 * tokens is fixed once assigned; it refuses to start in another datacenter or cluster than the one it joined; the
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
        ClusterView after = change.after();
        for (Change.Kept kept : change.keptDatacenters()) {
            String dc = kept.after().name();
            String where = after.isCassandraCluster() ? "dc " + dc : "rack " + after.name();
            String tokensBefore = kept.before().numTokens();
            String tokensAfter = kept.after().numTokens();
            if (!Objects.equals(tokensBefore, tokensAfter)) {
                violations.add(Violation.refuse(where + ": " + after.numTokensField() + " " + text(tokensBefore)
                        + " -> " + text(tokensAfter) + " cannot change on existing nodes, whose tokens are assigned; keep "
                        + text(tokensBefore) + " (another token count needs a new datacenter)"));
            }
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
