package io.cassguard.engine.mutations;

import io.cassguard.engine.cluster.CassandraStatefulSets;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.Optional;

/** A mutation of what every mutation changes: the pod template of a Cassandra StatefulSet. */
abstract class PodTemplateMutation<P> implements Mutation<P> {

    private final String id;
    private final Class<P> parametersType;

    PodTemplateMutation(String id, Class<P> parametersType) {
        this.id = id;
        this.parametersType = parametersType;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Class<P> parametersType() {
        return parametersType;
    }

    @Override
    public boolean apply(MutationContext<P> context, StatefulSet statefulSet) {
        Optional<PodSpec> podSpec = CassandraStatefulSets.podSpec(statefulSet);
        return podSpec.isPresent() && inject(context, statefulSet, podSpec.get());
    }

    /** Adds what is absent to the pod spec of {@code statefulSet}; returns whether anything was added. */
    abstract boolean inject(MutationContext<P> context, StatefulSet statefulSet, PodSpec podSpec);
}
