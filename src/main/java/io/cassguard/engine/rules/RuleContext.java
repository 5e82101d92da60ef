package io.cassguard.engine.rules;

import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.engine.cluster.LiveState;

/**
 * What a rule sees: the request with its old and new object, its policy parameters, and the live state.
 *
 * @param views the cluster views of the old and new object, shared by the rules of the request
 */
public record RuleContext<P>(GuardedRequest request, P parameters, LiveState liveState, ChangeViews views) {

    public RuleContext(GuardedRequest request, P parameters, LiveState liveState) {
        this(request, parameters, liveState, new ChangeViews(request, liveState));
    }

    /** The context of the next rule of the same request: its own parameters, the same views. */
    public <Q> RuleContext<Q> withParameters(Q parameters) {
        return new RuleContext<>(request, parameters, liveState, views);
    }
}
