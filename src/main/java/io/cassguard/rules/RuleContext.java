package io.cassguard.rules;

import io.cassguard.guarded.GuardedRequest;
import io.cassguard.state.LiveState;

/** What a rule sees: the request with its old and new object, its policy parameters, and the live state. */
public record RuleContext<P>(GuardedRequest request, P parameters, LiveState liveState) {
}
