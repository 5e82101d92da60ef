package io.cassguard.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads k8ssandra-operator's {@code K8ssandraCluster} into a {@link ClusterView}: every datacenter of the cluster with
 * the values in effect for it, as k8ssandra-operator merges them into the CassandraDatacenter it generates (the
 * datacenter's value wins field by field; racks and extra volumes merge by name, the datacenter's entry winning).
 */
final class K8ssandraClusterViews {

    /** The section of k8ssandra-operator's {@code config} that becomes cassandra.yaml. */
    private static final String CASSANDRA_YAML = "cassandraYaml";
    /** k8ssandra-operator's token counts when the config sets none: Cassandra 3.x's, and every later server's. */
    private static final String CASSANDRA_3_NUM_TOKENS = "256";
    private static final String LATER_NUM_TOKENS = "16";

    private K8ssandraClusterViews() {
    }

    static ClusterView of(K8ssandraCluster cluster, String namespace) {
        K8ssandraCluster.Cassandra cassandra = cluster.getSpec() == null || cluster.getSpec().cassandra == null
                ? new K8ssandraCluster.Cassandra() : cluster.getSpec().cassandra;
        String serverType = Objects.requireNonNullElse(CassOperatorViews.nonBlank(cassandra.serverType), ClusterView.CASSANDRA);
        List<K8ssandraCluster.Datacenter> declared = cassandra.datacenters == null ? List.of()
                : cassandra.datacenters.stream().filter(Objects::nonNull).toList();
        List<String> problems = new ArrayList<>();
        List<DatacenterView> datacenters = new ArrayList<>();
        for (K8ssandraCluster.Datacenter dc : declared) {
            DatacenterView view = datacenter(cassandra, dc, serverType);
            datacenters.add(view);
            problems.addAll(CassOperatorViews.problems(status(cluster, dc), "dc " + view.name() + ": ", "k8ssandra-operator"));
        }
        String name = cluster.getMetadata().getName();
        return new ClusterView(GuardedKind.K8SSANDRA_CLUSTER, namespace, name,
                Objects.requireNonNullElse(CassOperatorViews.nonBlank(cassandra.clusterName), name), List.copyOf(datacenters),
                serverType, new Health(problems), ClusterViews.annotations(cluster));
    }

    /** Cassandra's name of a datacenter of the list, as JSON: {@code datacenterName}, else {@code metadata.name}. */
    static String cassandraName(JsonNode datacenter) {
        String override = datacenter.path("datacenterName").asText("");
        return override.isBlank() ? datacenter.path("metadata").path("name").asText() : override;
    }

    private static DatacenterView datacenter(K8ssandraCluster.Cassandra cluster, K8ssandraCluster.Datacenter dc,
                                             String serverType) {
        String metadataName = dc.metadata == null ? null : dc.metadata.name;
        String name = Objects.requireNonNullElse(CassOperatorViews.nonBlank(dc.datacenterName), String.valueOf(metadataName));
        DeclaredVersion version = DeclaredVersion.of(either(dc, cluster, options -> options.serverVersion),
                either(dc, cluster, options -> options.serverImage));
        RackView.NumTokens numTokens = tokens(dc.config).or(() -> tokens(cluster.config))
                .orElseGet(() -> defaultNumTokens(serverType, version));
        List<String> racks = new ArrayList<>(mergedByName(CassOperatorViews.rackNames(cluster.racks),
                CassOperatorViews.rackNames(dc.racks), Function.identity()).keySet());
        return new DatacenterView(name, CassOperatorViews.racks(Objects.requireNonNullElse(dc.size, 0), racks, numTokens),
                true, true, version, storage(cluster, dc), Boolean.TRUE.equals(dc.stopped), Map.of());
    }

    /** The datacenter's data volume, field by field over the cluster's; the extra volumes merged by name. */
    private static DatacenterView.Storage storage(K8ssandraCluster.Cassandra cluster, K8ssandraCluster.Datacenter dc) {
        PersistentVolumeClaimSpec dcData = dc.storageConfig == null ? null : dc.storageConfig.cassandraDataVolumeClaimSpec;
        PersistentVolumeClaimSpec clusterData = cluster.storageConfig == null ? null
                : cluster.storageConfig.cassandraDataVolumeClaimSpec;
        String capacity = Optional.ofNullable(ClusterViews.storage(dcData)).orElse(ClusterViews.storage(clusterData));
        String storageClass = Optional.ofNullable(dcData).map(PersistentVolumeClaimSpec::getStorageClassName)
                .orElse(clusterData == null ? null : clusterData.getStorageClassName());
        List<DatacenterView.ExtraVolume> volumes = new ArrayList<>();
        volumes.addAll(mergedVolumes("storageConfig.additionalVolumes",
                cluster.storageConfig == null ? null : cluster.storageConfig.additionalVolumes,
                dc.storageConfig == null ? null : dc.storageConfig.additionalVolumes));
        volumes.addAll(mergedVolumes("extraVolumes.pvcs", cluster.extraVolumes == null ? null : cluster.extraVolumes.pvcs,
                dc.extraVolumes == null ? null : dc.extraVolumes.pvcs));
        return new DatacenterView.Storage(capacity, storageClass, List.copyOf(volumes));
    }

    private static List<DatacenterView.ExtraVolume> mergedVolumes(String field, List<ExtraVolumeClaim> cluster,
                                                                  List<ExtraVolumeClaim> datacenter) {
        return List.copyOf(mergedByName(ClusterViews.claimed(field, cluster), ClusterViews.claimed(field, datacenter),
                DatacenterView.ExtraVolume::name).values());
    }

    /** The cluster's entries, each replaced by the datacenter's of the same name, then the datacenter's others. */
    private static <T> Map<String, T> mergedByName(List<T> cluster, List<T> datacenter, Function<T, String> name) {
        Map<String, T> merged = new LinkedHashMap<>();
        cluster.forEach(entry -> merged.put(name.apply(entry), entry));
        datacenter.forEach(entry -> merged.put(name.apply(entry), entry));
        return merged;
    }

    private static String either(K8ssandraCluster.Datacenter dc, K8ssandraCluster.Cassandra cluster,
                                 Function<K8ssandraCluster.DatacenterOptions, String> field) {
        return Optional.ofNullable(CassOperatorViews.nonBlank(field.apply(dc)))
                .orElse(CassOperatorViews.nonBlank(field.apply(cluster)));
    }

    private static Optional<RackView.NumTokens> tokens(ObjectNode config) {
        return RackView.NumTokens.in(config, CASSANDRA_YAML);
    }

    /** What k8ssandra-operator writes into the datacenter's config when it sets none; unknown without a version. */
    private static RackView.NumTokens defaultNumTokens(String serverType, DeclaredVersion version) {
        if (ClusterView.CASSANDRA.equals(serverType) && !version.isPinned()) {
            return null;
        }
        boolean cassandra3 = ClusterView.CASSANDRA.equals(serverType) && version.version().major() == 3;
        return new RackView.NumTokens(cassandra3 ? CASSANDRA_3_NUM_TOKENS : LATER_NUM_TOKENS, null);
    }

    private static CassandraDatacenter.Status status(K8ssandraCluster cluster, K8ssandraCluster.Datacenter dc) {
        K8ssandraCluster.Status status = cluster.getStatus();
        if (status == null || status.datacenters == null || dc.metadata == null) {
            return null;
        }
        K8ssandraCluster.DatacenterStatus datacenter = status.datacenters.get(dc.metadata.name);
        return datacenter == null ? null : datacenter.cassandra;
    }
}
