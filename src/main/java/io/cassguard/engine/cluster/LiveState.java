package io.cassguard.engine.cluster;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import io.cassguard.engine.live.LiveReading;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the webhook knows of the live cluster, read from informer caches only: admission never waits on the
 * API server. In standalone mode nothing is known and every lookup is empty; rules then decide from the
 * AdmissionReview alone.
 */
public interface LiveState {

    /** Nothing known: standalone mode and {@code cassguard check}. */
    LiveState NONE = new LiveState() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public Optional<StatefulSet> statefulSet(String namespace, String name) {
            return Optional.empty();
        }

        @Override
        public List<StatefulSet> statefulSets(String namespace) {
            return List.of();
        }

        @Override
        public Optional<ClusterState> clusterState(String namespace, String cluster, String datacenter) {
            return Optional.empty();
        }

        @Override
        public Optional<Map<String, String>> namespaceLabels(String namespace) {
            return Optional.empty();
        }
    };

    /** Whether live state is available at all (in-cluster with synced caches). */
    boolean available();

    Optional<StatefulSet> statefulSet(String namespace, String name);

    /** The StatefulSets of a namespace, for finding the sibling racks of a rack. Empty when unknown. */
    List<StatefulSet> statefulSets(String namespace);

    /** The live state of a datacenter of a cluster, when the controller runs. */
    Optional<ClusterState> clusterState(String namespace, String cluster, String datacenter);

    /** The live state of every datacenter known, for {@code GET /clusters} and the background checks. */
    default List<ClusterState> clusterStates() {
        return List.of();
    }

    /** The labels of a namespace, for {@code namespaceSelector}; empty when the namespace is unknown. */
    Optional<Map<String, String>> namespaceLabels(String namespace);

    /** What cassguard last read from the Cassandra cluster itself (docs/live-state.md); never waits for CQL. */
    default LiveReading cassandra(String namespace, String cluster) {
        return LiveReading.NOT_READ;
    }
}
