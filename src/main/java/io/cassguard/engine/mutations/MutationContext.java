package io.cassguard.engine.mutations;

import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.engine.cluster.LiveState;

import java.util.List;

/**
 * What a mutation sees besides the StatefulSet it changes: the request (with the old object), parameters, live state.
 *
 * @param warnings where the mutation says what it kept although it falls short (docs/rules.md), each line starting with
 *                 the mutation id in brackets; the mutate answer carries them in {@code response.warnings}
 */
public record MutationContext<P>(GuardedRequest request, P parameters, LiveState liveState, List<String> warnings) {
}
