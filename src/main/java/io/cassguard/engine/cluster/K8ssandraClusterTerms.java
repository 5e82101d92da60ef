package io.cassguard.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * k8ssandra-operator's {@code K8ssandraCluster}: a list of datacenters of {@code size} nodes each; a datacenter removed
 * from the list is decommissioned, and deleting the object deletes every datacenter.
 */
final class K8ssandraClusterTerms extends CassOperatorTerms {

    static final String DATACENTERS = "spec.cassandra.datacenters";

    @Override
    public String resource() {
        return "k8ssandracluster";
    }

    @Override
    public String settledWhen() {
        return "every datacenter is Ready";
    }

    @Override
    public String healthyWhen() {
        return "every datacenter of the K8ssandraCluster is Ready, with no scale, update, rolling restart or node"
                + " replacement in progress";
    }

    @Override
    public String resizeStep(ClusterView cluster, DatacenterView datacenter, int nodes) {
        return "set size of " + datacenter.name() + " to " + nodes;
    }

    @Override
    public ObjectNode withSize(ObjectNode object, DatacenterView datacenter, int nodes) {
        for (JsonNode dc : object.path("spec").path("cassandra").path("datacenters")) {
            if (dc.isObject() && datacenter.name().equals(K8ssandraClusterViews.cassandraName(dc))) {
                ((ObjectNode) dc).put("size", nodes);
            }
        }
        return object;
    }

    @Override
    public String retireStep(ClusterView cluster, DatacenterView datacenter) {
        return cluster.datacenters().size() == 1
                ? RETIRE_CLUSTER
                : "to retire " + datacenter.name() + ", remove it from every keyspace's replication, then remove it from "
                + DATACENTERS;
    }

    /** k8ssandra-operator decommissions a datacenter that leaves the list (and refuses to at reconcile if keyspaces use it). */
    @Override
    public Optional<String> decommission(DatacenterView before, DatacenterView after) {
        if (after != null || before.nodes() == 0) {
            return Optional.empty();
        }
        return Optional.of("dc " + before.name() + ": removed, which decommissions its " + before.nodes()
                + (before.nodes() == 1 ? " node" : " nodes"));
    }

    @Override
    public boolean describesWholeCluster() {
        return true;
    }

    @Override
    public String numTokensField() {
        return "config.cassandraYaml.num_tokens";
    }

    @Override
    public String clusterNameField() {
        return "spec.cassandra.clusterName";
    }

    @Override
    public String deletionConsequence(HasMetadata object) {
        K8ssandraCluster cluster = (K8ssandraCluster) object;
        String datacenters = cluster.getSpec() == null || cluster.getSpec().cassandra == null ? ""
                : cluster.getSpec().cassandra.datacenters.stream().filter(Objects::nonNull)
                .map(dc -> dc.metadata == null ? null : dc.metadata.name).filter(Objects::nonNull)
                .collect(Collectors.joining(", "));
        return "; k8ssandra-operator deletes every datacenter of the cluster with it" + (datacenters.isEmpty() ? ""
                : " (" + datacenters + ")") + ", and cass-operator their PersistentVolumeClaims and the data on them";
    }
}
