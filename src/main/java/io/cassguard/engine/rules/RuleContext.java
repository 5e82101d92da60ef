package io.cassguard.engine.rules;

import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.live.CassandraReading;
import io.cassguard.engine.live.LiveReading;

import java.util.Set;

/**
 * What a rule sees: the request with its old and new object, its policy parameters, and the live state.
 *
 * @param views            the cluster views of the old and new object, shared by the rules of the request
 * @param ignoredKeyspaces the keyspaces whose replication does not count (policy {@code spec.cassandra.ignoreKeyspaces})
 */
public record RuleContext<P>(GuardedRequest request, P parameters, LiveState liveState, ChangeViews views,
                             Set<String> ignoredKeyspaces) {

    public RuleContext(GuardedRequest request, P parameters, LiveState liveState) {
        this(request, parameters, liveState, CassandraReading.DEFAULT_IGNORED_KEYSPACES);
    }

    public RuleContext(GuardedRequest request, P parameters, LiveState liveState, Set<String> ignoredKeyspaces) {
        this(request, parameters, liveState, new ChangeViews(request, liveState, ignoredKeyspaces), ignoredKeyspaces);
    }

    /** The context of the next rule of the same request: its own parameters, the same views. */
    public <Q> RuleContext<Q> withParameters(Q parameters) {
        return new RuleContext<>(request, parameters, liveState, views, ignoredKeyspaces);
    }

    /** What Cassandra itself last said of the cluster the object belongs to. */
    public LiveReading liveReading() {
        return views.change().liveReading();
    }
}
