package io.cassguard.controller;

import io.cassguard.state.ClusterMode;
import io.cassguard.state.ClusterState;
import io.cassguard.state.LiveState;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /clusters} (DESIGN §8): the ClusterState of every datacenter, exactly as the webhook decides from it.
 * Standalone it answers on loopback only. In-cluster it is not yet restricted to a bearer token allowed to read it
 * (the read endpoints' authentication comes with {@code /audit}).
 */
@Path("/clusters")
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
    public Response clusters(@Context HttpServerRequest request) {
        if (!mode.inCluster() && !fromLoopback(request)) {
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "standalone mode answers /clusters on loopback only", "status", 403)).build();
        }
        return Response.ok(new Clusters(mode.inCluster() ? "in-cluster" : "standalone", liveState.available(),
                liveState.clusterStates())).build();
    }

    private static boolean fromLoopback(HttpServerRequest request) {
        try {
            return request.remoteAddress() != null
                    && InetAddress.getByName(request.remoteAddress().hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
