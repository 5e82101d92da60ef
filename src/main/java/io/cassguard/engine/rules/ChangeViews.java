package io.cassguard.engine.rules;

import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.cluster.ClusterView;
import io.cassguard.engine.cluster.ClusterViews;

import java.util.Set;

/**
 * The cluster views of a request's old and new object, made on first use: every rule of one request compares the
 * same two views, so they are made once per request rather than once per rule. One request's rules run on one
 * thread; the views themselves are immutable.
 */
public final class ChangeViews {

    private final GuardedRequest request;
    private final LiveState liveState;
    private final Set<String> ignoredKeyspaces;
    private ClusterChange change;

    ChangeViews(GuardedRequest request, LiveState liveState, Set<String> ignoredKeyspaces) {
        this.request = request;
        this.liveState = liveState;
        this.ignoredKeyspaces = ignoredKeyspaces;
    }

    ClusterChange change() {
        if (change == null) {
            String namespace = request.request().namespace();
            ClusterView before = ClusterViews.of(request.oldObject(), namespace, liveState);
            ClusterView after = ClusterViews.of(request.newObject(), namespace, liveState);
            change = new ClusterChange(request, before, after, liveState, ignoredKeyspaces);
        }
        return change;
    }
}
