package io.cassguard.service.controller;

import io.cassguard.service.access.ReadAccess;
import io.cassguard.service.kubernetes.ClusterMode;
import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.cluster.LiveState;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * {@code GET /clusters} (DESIGN §8): the ClusterState of every datacenter, exactly as the webhook decides from it.
 * A read endpoint: in-cluster it needs a bearer token allowed to get {@code clusters.cassguard.io}, standalone it
 * answers on loopback only.
 */
@Path("/clusters")
@ReadAccess("clusters")
public class ClustersResource {

    /**
     * @param live whether the caches follow the API server now; when false the webhook falls back to each
     *             AdmissionReview's own status and {@code clusters} is empty
     */
    @RegisterForReflection
    public record Clusters(String mode, boolean live, List<ClusterState> clusters) {
    }

    private final ClusterMode mode;
    private final LiveState liveState;

    public ClustersResource(ClusterMode mode, LiveState liveState) {
        this.mode = mode;
        this.liveState = liveState;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Clusters clusters() {
        return new Clusters(mode.inCluster() ? "in-cluster" : "standalone", liveState.available(), liveState.clusterStates());
    }
}
