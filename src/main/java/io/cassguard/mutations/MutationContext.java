package io.cassguard.mutations;

import io.cassguard.guarded.GuardedRequest;
import io.cassguard.state.LiveState;

/** What a mutation sees besides the StatefulSet it changes: the request (with the old object), parameters, live state. */
public record MutationContext<P>(GuardedRequest request, P parameters, LiveState liveState) {
}
