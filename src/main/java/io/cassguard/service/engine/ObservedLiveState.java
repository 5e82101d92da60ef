package io.cassguard.service.engine;

import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.live.LiveReading;
import io.cassguard.service.cassandra.LiveCassandra;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine is told of the live cluster: the Kubernetes objects from the informer caches (nothing standalone)
 * and, from both modes, the last reading of each Cassandra cluster itself.
 */
record ObservedLiveState(LiveState kubernetes, LiveCassandra cassandra) implements LiveState {

    @Override
    public boolean available() {
        return kubernetes.available();
    }

    @Override
    public Optional<StatefulSet> statefulSet(String namespace, String name) {
        return kubernetes.statefulSet(namespace, name);
    }

    @Override
    public List<StatefulSet> statefulSets(String namespace) {
        return kubernetes.statefulSets(namespace);
    }

    @Override
    public Optional<ClusterState> clusterState(String namespace, String cluster, String datacenter) {
        return kubernetes.clusterState(namespace, cluster, datacenter);
    }

    @Override
    public List<ClusterState> clusterStates() {
        return kubernetes.clusterStates();
    }

    @Override
    public Optional<Map<String, String>> namespaceLabels(String namespace) {
        return kubernetes.namespaceLabels(namespace);
    }

    @Override
    public LiveReading cassandra(String namespace, String cluster) {
        return cassandra.reading(namespace, cluster);
    }
}
