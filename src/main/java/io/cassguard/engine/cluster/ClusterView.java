package io.cassguard.engine.cluster;

import io.cassguard.engine.cluster.GuardedKind;

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
 * @param annotations the annotations that configure the guardrails for this cluster
 */
public record ClusterView(GuardedKind kind, String namespace, String name, String cluster,
                          List<DatacenterView> datacenters, DeclaredVersion version, Health health,
                          Map<String, String> annotations) {

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

    /** The setting that gives a node its number of tokens. */
    public String numTokensField() {
        return isCassandraCluster() ? "numTokens" : "env CASSANDRA_NUM_TOKENS";
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

    /** How to set the racks of a datacenter to a size, as a command or an edit. */
    public String resizeStep(DatacenterView datacenter, int nodes) {
        if (isCassandraCluster()) {
            return "set " + (datacenter.ownSize() ? "nodesPerRacks of " + datacenter.name() : "nodesPerRacks") + " to " + nodes;
        }
        return "scale to " + nodes + " (kubectl scale statefulset " + name + " -n " + namespace + " --replicas=" + nodes + ")";
    }
}
