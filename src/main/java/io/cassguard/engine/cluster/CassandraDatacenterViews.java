package io.cassguard.engine.cluster;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads cass-operator's {@code CassandraDatacenter} into a {@link ClusterView}: one datacenter of a cluster. */
final class CassandraDatacenterViews {

    private CassandraDatacenterViews() {
    }

    static ClusterView of(CassandraDatacenter datacenter, String namespace) {
        CassandraDatacenter.Spec spec = datacenter.getSpec() != null ? datacenter.getSpec() : new CassandraDatacenter.Spec();
        String name = datacenter.getMetadata().getName();
        // the operator leaves num_tokens to the image when the config does not set it
        RackView.NumTokens numTokens = RackView.NumTokens.in(spec.config, CassOperatorViews.CASSANDRA_YAML).orElse(null);
        CassandraDatacenter.StorageConfig storage = spec.storageConfig != null ? spec.storageConfig
                : new CassandraDatacenter.StorageConfig();
        PersistentVolumeClaimSpec data = storage.cassandraDataVolumeClaimSpec;
        DatacenterView view = new DatacenterView(
                Objects.requireNonNullElse(CassOperatorViews.nonBlank(spec.datacenterName), name),
                CassOperatorViews.racks(Objects.requireNonNullElse(spec.size, 0), CassOperatorViews.rackNames(spec.racks),
                        numTokens),
                true, true, DeclaredVersion.of(spec.serverVersion, spec.serverImage),
                new DatacenterView.Storage(ClusterViews.storage(data), data == null ? null : data.getStorageClassName(),
                        ClusterViews.claimed("storageConfig.additionalVolumes", storage.additionalVolumes)),
                Boolean.TRUE.equals(spec.stopped), Map.of());
        return new ClusterView(GuardedKind.CASSANDRA_DATACENTER, namespace, name,
                Objects.requireNonNullElse(CassOperatorViews.nonBlank(spec.clusterName), name), List.of(view),
                Objects.requireNonNullElse(CassOperatorViews.nonBlank(spec.serverType), ClusterView.CASSANDRA),
                new Health(CassOperatorViews.problems(datacenter.getStatus(), "", "cass-operator")),
                ClusterViews.annotations(datacenter));
    }
}
