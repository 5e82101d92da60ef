package io.cassguard.service.kubernetes;

import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.cluster.RackIdentity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Typed;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live state of the in-cluster mode, read from the informer caches only. While the caches do not follow the
 * API server (not yet synced, or a watch is down because the API server is unreachable) the cluster lookups are
 * empty, so that rules decide from the AdmissionReview's own status rather than from a stale cache. Namespace labels
 * stay available from the last known cache: they change rarely and decide which policy applies.
 *
 * <p>ClusterStates are computed on first use and kept until a StatefulSet or an operator's status changes.
 */
@ApplicationScoped
@Typed(InformedLiveState.class)
public class InformedLiveState implements LiveState {

    private final KubernetesCaches caches;
    private final AtomicLong generation = new AtomicLong();
    private final Map<String, Computed> clusterStates = new ConcurrentHashMap<>();

    private record Computed(long generation, ClusterState state) {
    }

    public InformedLiveState(KubernetesCaches caches) {
        this.caches = caches;
    }

    void invalidate(@Observes CacheChanged event) {
        if (event.kind() == CacheChanged.Kind.STATEFULSET || event.kind() == CacheChanged.Kind.CASSANDRA_CLUSTER
                || event.kind() == CacheChanged.Kind.CASSANDRA_DATACENTER) {
            generation.incrementAndGet();
            clusterStates.clear();
        }
    }

    @Override
    public boolean available() {
        return caches.current();
    }

    @Override
    public Optional<StatefulSet> statefulSet(String namespace, String name) {
        return available() ? caches.statefulSet(namespace, name) : Optional.empty();
    }

    @Override
    public List<StatefulSet> statefulSets(String namespace) {
        return available() ? caches.cassandraStatefulSets(namespace) : List.of();
    }

    @Override
    public Optional<ClusterState> clusterState(String namespace, String cluster, String datacenter) {
        if (!available()) {
            return Optional.empty();
        }
        ClusterState state = cached(namespace, cluster, datacenter);
        return state.racks().isEmpty() ? Optional.empty() : Optional.of(state);
    }

    @Override
    public Optional<Map<String, String>> namespaceLabels(String namespace) {
        return caches.namespaceLabels(namespace);
    }

    @Override
    public List<ClusterState> clusterStates() {
        if (!available()) {
            return List.of();
        }
        TreeSet<RackIdentity> datacenters = new TreeSet<>(Comparator.comparing(RackIdentity::namespace)
                .thenComparing(RackIdentity::cluster).thenComparing(RackIdentity::datacenter));
        caches.cassandraStatefulSets().forEach(sts -> datacenters.add(RackIdentity.of(sts)));
        return datacenters.stream().map(dc -> cached(dc.namespace(), dc.cluster(), dc.datacenter())).toList();
    }

    /** The generation is read before computing, so that a change during the computation is never hidden. */
    private ClusterState cached(String namespace, String cluster, String datacenter) {
        String key = namespace + "/" + cluster + "/" + datacenter;
        long current = generation.get();
        Computed computed = clusterStates.get(key);
        if (computed == null || computed.generation() != current) {
            computed = new Computed(current, ClusterStates.of(namespace, cluster, datacenter,
                    caches.racks(namespace, cluster, datacenter), caches.cassandraCluster(namespace, cluster),
                    caches.cassandraDatacenter(namespace, datacenter)));
            clusterStates.put(key, computed);
        }
        return computed.state();
    }
}
