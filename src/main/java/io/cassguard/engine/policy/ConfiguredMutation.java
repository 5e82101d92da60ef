package io.cassguard.engine.policy;

import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.mutations.Mutation;
import io.cassguard.engine.mutations.MutationContext;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.List;

/** A mutation as one policy configures it: whether it runs, and its parameters, typed as the mutation declares them. */
public record ConfiguredMutation<P>(Mutation<P> mutation, boolean enabled, P parameters) {

    public String id() {
        return mutation.id();
    }

    /**
     * Adds what is absent to {@code statefulSet}; returns whether anything was added.
     *
     * @param warnings receives the mutation's warnings
     */
    public boolean apply(GuardedRequest request, LiveState liveState, StatefulSet statefulSet, List<String> warnings) {
        return enabled && mutation.apply(new MutationContext<>(request, parameters, liveState, warnings), statefulSet);
    }
}
