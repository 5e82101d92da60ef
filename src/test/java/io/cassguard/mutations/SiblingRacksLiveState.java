package io.cassguard.mutations;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cassguard.state.StandaloneLiveState;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Live state holding the StatefulSets of live-state/sibling-racks.yaml and nothing else (no cluster states, no
 * namespace labels), in place of the controller's informer caches; enabled only by its {@link Profile}.
 */
@Alternative
@ApplicationScoped
public class SiblingRacksLiveState extends StandaloneLiveState {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(SiblingRacksLiveState.class);
        }
    }

    private final List<StatefulSet> statefulSets = read("live-state/sibling-racks.yaml");

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
        return statefulSets.stream().filter(s -> Objects.equals(namespace, s.getMetadata().getNamespace())).toList();
    }

    private static List<StatefulSet> read(String resource) {
        try (InputStream in = SiblingRacksLiveState.class.getClassLoader().getResourceAsStream(resource)) {
            return new YAMLMapper().readerFor(StatefulSet.class).<StatefulSet>readValues(in).readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
