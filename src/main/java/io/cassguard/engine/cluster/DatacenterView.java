package io.cassguard.engine.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Cassandra datacenter with the values in effect for it: for a CassandraCluster, DC-level values override the
 * cluster-level ones and a DC without racks has CassKop's implicit rack {@code rack1}.
 *
 * @param ownSize          the DC sets its own size (CassKop DC-level {@code nodesPerRacks}; always for a StatefulSet)
 * @param dataCapacity     size of each node's data volume, or null when not set
 * @param dataStorageClass storage class of the data volumes, or null when not set
 * @param labels           the labels that place the datacenter (CassKop {@code topology.dc[].labels})
 */
public record DatacenterView(String name, List<RackView> racks, boolean ownSize, String dataCapacity,
                             String dataStorageClass, Map<String, String> labels) {

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
