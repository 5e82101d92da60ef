package io.cassguard.service.controller;

import io.cassguard.engine.live.CassandraReading;
import io.cassguard.engine.live.ReadingStatus;
import io.cassguard.service.access.ReadAccess;
import io.cassguard.service.cassandra.LiveCassandra;
import io.cassguard.service.kubernetes.ClusterMode;
import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.cluster.LiveState;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /clusters} (docs/architecture.md, docs/live-state.md): the ClusterState of every datacenter and the last reading of every Cassandra
 * cluster, exactly as the webhook decides from them.
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
    public record Clusters(String mode, boolean live, List<ClusterState> clusters, List<CassandraStatus> cassandra) {
    }

    /**
     * What cassguard last read from one Cassandra cluster itself (docs/live-state.md).
     *
     * @param ageSeconds how old the last good reading is; null before the first
     * @param reading    the last good reading (kept while later attempts fail); null before the first
     * @param lastError  the last failed attempt, null when the last attempt succeeded
     * @param problem    why the cluster is not read at all (its Secret cannot be read), else null
     */
    @RegisterForReflection
    public record CassandraStatus(String namespace, String cluster, boolean connected, Long ageSeconds,
                                  CassandraReading reading, ReadingStatus.ReadError lastError, String problem) {
    }

    private final ClusterMode mode;
    private final LiveState liveState;
    private final LiveCassandra cassandra;

    public ClustersResource(ClusterMode mode, LiveState liveState, LiveCassandra cassandra) {
        this.mode = mode;
        this.liveState = liveState;
        this.cassandra = cassandra;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Clusters clusters() {
        Instant now = Instant.now();
        List<CassandraStatus> readings = new ArrayList<>();
        cassandra.statuses().forEach((key, status) -> readings.add(new CassandraStatus(key.namespace(),
                status.lastReading().map(CassandraReading::clusterName).orElse(key.cluster()), status.connected(),
                status.lastReading().map(reading -> reading.age(now).toSeconds()).orElse(null),
                status.lastReading().orElse(null), status.lastError().orElse(null), null)));
        cassandra.problems().forEach((key, problem) ->
                readings.add(new CassandraStatus(key.namespace(), key.cluster(), false, null, null, null, problem)));
        readings.sort(Comparator.comparing(CassandraStatus::namespace).thenComparing(CassandraStatus::cluster));
        return new Clusters(mode.inCluster() ? "in-cluster" : "standalone", liveState.available(), liveState.clusterStates(),
                readings);
    }
}
