package io.cassguard.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Reads CassKop's {@code CassandraCluster} into a {@link ClusterView}, as CassKop runs it. */
final class CassKopViews {

    /** CassKop's defaults (its api/v1alpha1 types): what an unset field means to the operator. */
    private static final int DEFAULT_NODES_PER_RACK = 1;
    private static final int DEFAULT_NUM_TOKENS = 256;
    private static final String DEFAULT_RACK = "rack1";
    /** The section of a CassKop {@code config} map that becomes cassandra.yaml. */
    static final String CASSANDRA_YAML = "cassandra-yaml";

    private CassKopViews() {
    }

    static ClusterView of(CassandraCluster cluster, String namespace) {
        CassandraCluster.Spec spec = cluster.getSpec() != null ? cluster.getSpec() : new CassandraCluster.Spec();
        int clusterNodes = spec.nodesPerRacks != null ? spec.nodesPerRacks : DEFAULT_NODES_PER_RACK;
        List<CassandraCluster.Datacenter> declared = spec.topology == null || spec.topology.dc == null
                ? List.of() : spec.topology.dc.stream().filter(Objects::nonNull).toList();
        List<DatacenterView> datacenters = declared.isEmpty()
                ? List.of(datacenter(new CassandraCluster.Datacenter(), spec, clusterNodes))
                : declared.stream().map(dc -> datacenter(dc, spec, clusterNodes)).toList();
        String name = cluster.getMetadata().getName();
        return new ClusterView(GuardedKind.CASSANDRA_CLUSTER, namespace, name, name, datacenters,
                Objects.requireNonNullElse(spec.serverType, ClusterView.CASSANDRA), health(cluster.getStatus()),
                ClusterViews.annotations(cluster));
    }

    /** A datacenter as CassKop runs it; without a topology, CassKop runs one datacenter dc1 with one rack rack1. */
    private static DatacenterView datacenter(CassandraCluster.Datacenter dc, CassandraCluster.Spec spec, int clusterNodes) {
        int nodes = dc.nodesPerRacks != null ? dc.nodesPerRacks : clusterNodes;
        List<CassandraCluster.Rack> declared = dc.rack == null ? List.of() : dc.rack.stream().filter(Objects::nonNull).toList();
        List<RackView> racks = (declared.isEmpty() ? List.of(new CassandraCluster.Rack()) : declared).stream()
                .map(rack -> new RackView(Objects.requireNonNullElse(rack.name, DEFAULT_RACK), nodes, false,
                        numTokens(spec, dc, rack)))
                .toList();
        DatacenterView.Storage storage = new DatacenterView.Storage(
                dc.dataCapacity != null ? dc.dataCapacity : spec.dataCapacity,
                dc.dataStorageClass != null ? dc.dataStorageClass : spec.dataStorageClass,
                ClusterViews.claimed("storageConfigs", spec.storageConfigs));
        return new DatacenterView(Objects.requireNonNullElse(dc.name, RackIdentity.DEFAULT_DATACENTER), racks,
                dc.nodesPerRacks != null, false, DeclaredVersion.of(spec.serverVersion, spec.cassandraImage), storage,
                false, dc.labels == null ? Map.of() : dc.labels);
    }

    /**
     * A rack's token count, the most specific setting winning: {@code num_tokens} of the rack's {@code config}, of
     * its datacenter's, the datacenter's {@code numTokens} (v1alpha1), the cluster's {@code config}, else CassKop's
     * default.
     */
    private static RackView.NumTokens numTokens(CassandraCluster.Spec spec, CassandraCluster.Datacenter dc,
                                                CassandraCluster.Rack rack) {
        return configNumTokens(rack.config).or(() -> configNumTokens(dc.config))
                .or(() -> Optional.ofNullable(dc.numTokens).map(tokens -> new RackView.NumTokens(tokens.toString(), "numTokens")))
                .or(() -> configNumTokens(spec.config))
                .orElse(new RackView.NumTokens(String.valueOf(DEFAULT_NUM_TOKENS), null));
    }

    private static Optional<RackView.NumTokens> configNumTokens(JsonNode config) {
        return RackView.NumTokens.in(config, CASSANDRA_YAML);
    }

    private static Health health(CassandraCluster.Status status) {
        List<String> problems = new ArrayList<>();
        if (status == null || status.phase == null) {
            problems.add("CassKop has reported no status.phase yet");
        } else if (!"Running".equals(status.phase)) {
            problems.add("status.phase is " + status.phase + ", not Running");
        }
        if (status != null && status.cassandraRackStatus != null) {
            status.cassandraRackStatus.forEach((rack, rackStatus) -> {
                CassandraCluster.LastAction action = rackStatus == null ? null : rackStatus.cassandraLastAction;
                if (action != null && action.busy()) {
                    problems.add("rack " + rack + " has action " + action.name + " " + action.status);
                }
            });
        }
        return new Health(problems);
    }
}
