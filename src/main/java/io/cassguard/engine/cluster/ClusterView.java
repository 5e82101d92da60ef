package io.cassguard.engine.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Cassandra cluster as the rules see it, whatever kind of object described it: a CassandraCluster (the whole
 * cluster), a StatefulSet or its Scale (one rack, with its sibling racks when the live state knows them). Each
 * rule is written once against this view, and speaks the object's own language through it in its messages.
 *
 * @param name        the object's name
 * @param cluster     the Cassandra cluster's name
 * @param version     the Cassandra version the object asks for; null when the kind carries none (a Scale)
 * @param health      what the object's status (or, for a Scale, its StatefulSet's) says
 * @param serverType  CassKop's {@code serverType}: {@code cassandra}, or {@code dse} (DataStax Enterprise, whose
 *                    versions Cassandra's upgrade paths do not describe); {@code cassandra} for other kinds
 * @param volumes     the extra volumes of every node (CassKop {@code storageConfigs}); none for other kinds
 * @param annotations the annotations that configure the guardrails for this cluster
 */
public record ClusterView(GuardedKind kind, String namespace, String name, String cluster,
                          List<DatacenterView> datacenters, DeclaredVersion version, String serverType,
                          List<ExtraVolume> volumes, Health health, Map<String, String> annotations) {

    public static final String CASSANDRA = "cassandra";
    public static final String DSE = "dse";

    /**
     * An extra persistent volume claimed for every node, by name.
     *
     * @param storage          the requested size, or null when not set
     * @param storageClassName the storage class, or null when not set
     */
    public record ExtraVolume(String name, String storage, String storageClassName) {
    }

    public Optional<ExtraVolume> volume(String volumeName) {
        return volumes.stream().filter(volume -> volume.name().equals(volumeName)).findFirst();
    }

    /** Cassandra's upgrade paths apply: the server is Apache Cassandra, not DSE. */
    public boolean isApacheCassandra() {
        return !DSE.equals(serverType);
    }

    public Optional<DatacenterView> datacenter(String datacenterName) {
        return datacenters.stream().filter(dc -> dc.name().equals(datacenterName)).findFirst();
    }

    public int nodes() {
        return datacenters.stream().mapToInt(DatacenterView::nodes).sum();
    }

    public boolean isCassandraCluster() {
        return kind == GuardedKind.CASSANDRA_CLUSTER;
    }

    /** The field that sets a rack's size. */
    public String sizeField() {
        return isCassandraCluster() ? "nodesPerRacks" : "replicas";
    }

    /** When a change has settled and the next one may follow. */
    public String settledWhen() {
        return isCassandraCluster() ? "the cluster is Running" : "all pods of the rack are ready";
    }

    /** When the cluster is healthy enough for a scale-down or a version change. */
    public String healthyWhen() {
        return isCassandraCluster() ? "the cluster is Running with every rack ready and no rack action Ongoing or ToDo"
                : "every rack of the datacenter has all its pods ready and updated";
    }

    /** How to take a datacenter out of the cluster for good, when it may shrink no further. */
    public String retireStep(DatacenterView datacenter) {
        String dc = datacenter.name();
        if (isCassandraCluster()) {
            return datacenters.size() == 1
                    ? "to retire the cluster, annotate it " + Annotations.ALLOW_DELETE + "=true, then delete it"
                    : "to retire " + dc + ", remove it from every keyspace's replication, then set nodesPerRacks of " + dc + " to 0";
        }
        return "to retire " + dc + ", remove it from every keyspace's replication, decommission its nodes, then annotate"
                + " its StatefulSets " + Annotations.ALLOW_DELETE + "=true and delete them";
    }

    /** How to set the racks of a datacenter to a size, as a command or an edit. */
    public String resizeStep(DatacenterView datacenter, int nodes) {
        if (isCassandraCluster()) {
            return "set " + (datacenter.ownSize() ? "nodesPerRacks of " + datacenter.name() : "nodesPerRacks") + " to " + nodes;
        }
        return "scale to " + nodes + " (kubectl scale statefulset " + name + " -n " + namespace + " --replicas=" + nodes + ")";
    }
}
