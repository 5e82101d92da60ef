package io.cassguard.engine.cluster;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Live state when no API server is used: nothing is known. */
@DefaultBean
@ApplicationScoped
public class StandaloneLiveState implements LiveState {

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
}
