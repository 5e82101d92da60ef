package io.cassguard.engine.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Map;

/**
 * What cass-operator's kinds share, whether written directly ({@code CassandraDatacenter}) or through
 * k8ssandra-operator ({@code K8ssandraCluster}): one {@code size} per datacenter, which cass-operator spreads over the
 * racks and shrinks one decommissioned node at a time, and the data volume of {@code storageConfig}.
 */
abstract class CassOperatorTerms implements KindTerms {

    /** The CassandraDatacenter annotation that keeps the volumes of a deleted datacenter; they go by default. */
    static final String DELETE_PVC = "cassandra.datastax.com/delete-pvc";
    private static final String DATA_VOLUME = "storageConfig.cassandraDataVolumeClaimSpec.";

    @Override
    public String sizeField() {
        return "size";
    }

    @Override
    public boolean operatorRemovesOneNodeAtATime() {
        return true;
    }

    @Override
    public String emptyBeforeRemoval(DatacenterView datacenter) {
        return "decommission its nodes";
    }

    @Override
    public String dataCapacityField() {
        return DATA_VOLUME + "resources.requests.storage";
    }

    @Override
    public String dataStorageClassField() {
        return DATA_VOLUME + "storageClassName";
    }

    /** cass-operator deletes a deleted datacenter's volume claims, and the data, unless told to keep them. */
    static boolean keepsVolumes(HasMetadata datacenter) {
        Map<String, String> annotations = datacenter.getMetadata().getAnnotations();
        return annotations != null && "false".equals(annotations.get(DELETE_PVC));
    }
}
