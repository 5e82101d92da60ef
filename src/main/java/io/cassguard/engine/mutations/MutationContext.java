package io.cassguard.engine.mutations;

import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.engine.cluster.LiveState;

/** What a mutation sees besides the StatefulSet it changes: the request (with the old object), parameters, live state. */
public record MutationContext<P>(GuardedRequest request, P parameters, LiveState liveState) {
}
