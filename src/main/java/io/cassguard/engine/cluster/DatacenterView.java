package io.cassguard.engine.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Cassandra datacenter with the values in effect for it: a datacenter's own setting wins over the cluster's
 * (CassKop's DC-level fields, a K8ssandraCluster datacenter's), and a datacenter that names no rack has its operator's
 * implicit one.
 *
 * @param name         Cassandra's name of the datacenter
 * @param ownSize      the datacenter sets its own size (CassKop's DC-level {@code nodesPerRacks}; every other kind)
 * @param sizedAsWhole one size for the whole datacenter, which its operator spreads over the racks (cass-operator's
 *                     {@code size}); otherwise each rack is sized (CassKop's {@code nodesPerRacks}, a StatefulSet)
 * @param version      the Cassandra version the datacenter asks for; null when the object carries none (a Scale)
 * @param storage      the data volume and the extra volumes of every node
 * @param stopped      every server pod is stopped while the volumes stay (cass-operator's {@code stopped})
 * @param labels       the labels that place the datacenter (CassKop {@code topology.dc[].labels})
 */
public record DatacenterView(String name, List<RackView> racks, boolean ownSize, boolean sizedAsWhole,
                             DeclaredVersion version, Storage storage, boolean stopped, Map<String, String> labels) {

    /**
     * What every node of the datacenter claims.
     *
     * @param dataCapacity     size of each node's data volume, or null when not set
     * @param dataStorageClass storage class of the data volumes, or null when not set
     * @param volumes          the extra volumes that claim storage, by name
     */
    public record Storage(String dataCapacity, String dataStorageClass, List<ExtraVolume> volumes) {

        public static final Storage NONE = new Storage(null, null, List.of());

        public Optional<ExtraVolume> volume(String volumeName) {
            return volumes.stream().filter(volume -> volume.name().equals(volumeName)).findFirst();
        }
    }

    /**
     * An extra persistent volume claimed for every node.
     *
     * @param field            the list that declares it, as the user writes it, e.g. {@code storageConfigs}
     * @param storage          the requested size, or null when not set
     * @param storageClassName the storage class, or null when not set
     */
    public record ExtraVolume(String field, String name, String storage, String storageClassName) {
    }

    public int nodes() {
        return racks.stream().mapToInt(RackView::nodes).sum();
    }

    public Optional<RackView> rack(String rackName) {
        return racks.stream().filter(rack -> rack.name().equals(rackName)).findFirst();
    }

    /** The racks the object under review defines (not the siblings known from the live state). */
    public List<RackView> ownRacks() {
        return racks.stream().filter(rack -> !rack.sibling()).toList();
    }
}
