package io.cassguard.service.kubernetes;

import io.cassguard.engine.cluster.LiveState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The live state the webhook reads: the informer caches in-cluster, nothing in standalone mode. */
@Singleton
public class LiveStateSelection {

    @Produces
    @ApplicationScoped
    LiveState liveState(ClusterMode mode, Instance<InformedLiveState> informed) {
        return mode.inCluster() ? informed.get() : LiveState.NONE;
    }
}
