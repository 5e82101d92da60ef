package io.cassguard.support;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.cluster.LiveState;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The live state as the controller's informer caches would hold it, read from
 * {@code src/test/resources/live-state/namespace-live.yaml}; enabled by {@link LiveStateProfile} only.
 */
@Alternative
@ApplicationScoped
public class FixtureLiveState implements LiveState {

    record Snapshot(List<StatefulSet> statefulSets, List<ClusterState> clusterStates) {
    }

    private final Snapshot snapshot = read("live-state/namespace-live.yaml");

    private static Snapshot read(String resource) {
        try (InputStream in = FixtureLiveState.class.getClassLoader().getResourceAsStream(resource)) {
            return new YAMLMapper().readValue(Objects.requireNonNull(in, resource), Snapshot.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public Optional<StatefulSet> statefulSet(String namespace, String name) {
        return statefulSets(namespace).stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst();
    }

    @Override
    public List<StatefulSet> statefulSets(String namespace) {
        return snapshot.statefulSets().stream().filter(s -> s.getMetadata().getNamespace().equals(namespace)).toList();
    }

    @Override
    public Optional<ClusterState> clusterState(String namespace, String cluster, String datacenter) {
        return snapshot.clusterStates().stream()
                .filter(s -> s.namespace().equals(namespace) && s.cluster().equals(cluster) && s.datacenter().equals(datacenter))
                .findFirst();
    }

    @Override
    public Optional<Map<String, String>> namespaceLabels(String namespace) {
        return Optional.empty();
    }
}
