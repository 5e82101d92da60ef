package io.cassguard.engine.cluster;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a Cassandra StatefulSet, or the Scale of one, into a {@link ClusterView}: one rack, with its known siblings. */
final class StatefulSetViews {

    private static final String NUM_TOKENS_ENV = "CASSANDRA_NUM_TOKENS";

    private StatefulSetViews() {
    }

    static ClusterView of(StatefulSet statefulSet, String namespace, LiveState liveState) {
        RackIdentity identity = identity(statefulSet, namespace);
        RackView.NumTokens numTokens = CassandraStatefulSets.cassandraContainer(statefulSet)
                .flatMap(container -> RackIdentity.env(container, NUM_TOKENS_ENV))
                .map(tokens -> new RackView.NumTokens(tokens, "env " + NUM_TOKENS_ENV)).orElse(null);
        DeclaredVersion version = CassandraStatefulSets.cassandraContainer(statefulSet)
                .map(container -> DeclaredVersion.of(null, container.getImage())).orElse(null);
        return new ClusterView(GuardedKind.STATEFULSET, namespace, identity.rack(), identity.cluster(),
                List.of(rackDatacenter(identity, StatefulSetStatuses.replicas(statefulSet), numTokens, version, liveState)),
                ClusterView.CASSANDRA, health(statefulSet), ClusterViews.annotations(statefulSet));
    }

    /**
     * A Scale carries only a size; which rack it scales, its health and its annotations come from its
     * StatefulSet when the live state knows it. Standalone, the rack stands alone in its datacenter.
     */
    static ClusterView of(Scale scale, String namespace, LiveState liveState) {
        String name = scale.getMetadata().getName();
        Optional<StatefulSet> statefulSet = liveState.statefulSet(namespace, name);
        RackIdentity identity = statefulSet.map(live -> identity(live, namespace))
                .orElse(new RackIdentity(namespace, name, RackIdentity.DEFAULT_DATACENTER, name));
        // autoscaling/v1 omits a zero replicas field: a Scale without one scales to 0.
        int replicas = scale.getSpec() == null || scale.getSpec().getReplicas() == null ? 0 : scale.getSpec().getReplicas();
        return new ClusterView(GuardedKind.STATEFULSET_SCALE, namespace, name, identity.cluster(),
                List.of(rackDatacenter(identity, replicas, null, null, liveState)), ClusterView.CASSANDRA,
                statefulSet.map(StatefulSetViews::health).orElse(Health.UNKNOWN),
                statefulSet.map(ClusterViews::annotations).orElse(Map.of()));
    }

    /** A rack's datacenter: the rack itself and the sibling racks the live state knows. */
    private static DatacenterView rackDatacenter(RackIdentity identity, int replicas, RackView.NumTokens numTokens,
                                                 DeclaredVersion version, LiveState liveState) {
        List<RackView> racks = new ArrayList<>();
        racks.add(new RackView(identity.rack(), replicas, false, numTokens));
        liveState.statefulSets(identity.namespace()).stream()
                .filter(CassandraStatefulSets::isCassandra)
                .filter(other -> !identity.rack().equals(other.getMetadata().getName()))
                .filter(other -> identity.sameDatacenter(identity(other, identity.namespace())))
                .forEach(other -> racks.add(new RackView(other.getMetadata().getName(), StatefulSetStatuses.replicas(other), true, null)));
        racks.sort(Comparator.comparing(RackView::name));
        return new DatacenterView(identity.datacenter(), List.copyOf(racks), true, false, version,
                DatacenterView.Storage.NONE, false, Map.of());
    }

    private static RackIdentity identity(StatefulSet statefulSet, String namespace) {
        RackIdentity identity = RackIdentity.of(statefulSet);
        return identity.namespace() != null ? identity
                : new RackIdentity(namespace, identity.cluster(), identity.datacenter(), identity.rack());
    }

    private static Health health(StatefulSet statefulSet) {
        List<String> problems = new ArrayList<>();
        int desired = StatefulSetStatuses.replicas(statefulSet);
        int ready = StatefulSetStatuses.readyReplicas(statefulSet);
        if (ready < desired) {
            problems.add("only " + ready + " of " + desired + " pods of rack " + statefulSet.getMetadata().getName() + " are ready");
        }
        problems.addAll(StatefulSetStatuses.unfinished(statefulSet));
        return new Health(problems);
    }
}
