package io.cassguard.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** CassKop's {@code CassandraCluster}: every rack of a datacenter has {@code nodesPerRacks} nodes. */
final class CassKopTerms implements KindTerms {

    @Override
    public String resource() {
        return "cassandracluster";
    }

    @Override
    public String sizeField() {
        return "nodesPerRacks";
    }

    @Override
    public String settledWhen() {
        return "the cluster is Running";
    }

    @Override
    public String healthyWhen() {
        return "the cluster is Running with every rack ready and no rack action Ongoing or ToDo";
    }

    @Override
    public String resizeStep(ClusterView cluster, DatacenterView datacenter, int nodes) {
        return "set " + (datacenter.ownSize() ? "nodesPerRacks of " + datacenter.name() : "nodesPerRacks") + " to " + nodes;
    }

    /** The size where the object sets it: the datacenter's own nodesPerRacks, else the cluster's. */
    @Override
    public ObjectNode withSize(ObjectNode object, DatacenterView datacenter, int nodes) {
        ObjectNode spec = object.withObject("/spec");
        if (!datacenter.ownSize()) {
            spec.put("nodesPerRacks", nodes);
            return object;
        }
        for (JsonNode dc : spec.path("topology").path("dc")) {
            if (dc.isObject() && datacenter.name().equals(dc.path("name").asText())) {
                ((ObjectNode) dc).put("nodesPerRacks", nodes);
            }
        }
        return object;
    }

    @Override
    public String retireStep(ClusterView cluster, DatacenterView datacenter) {
        return cluster.datacenters().size() == 1
                ? RETIRE_CLUSTER
                : "to retire " + datacenter.name() + ", remove it from every keyspace's replication, then set nodesPerRacks of "
                + datacenter.name() + " to 0";
    }

    /** CassKop decommissions a datacenter whose own nodesPerRacks goes to 0. */
    @Override
    public Optional<String> decommission(DatacenterView before, DatacenterView after) {
        if (after == null || !after.ownSize() || after.nodes() > 0 || before.nodes() == 0) {
            return Optional.empty();
        }
        return Optional.of("dc " + after.name() + ": nodesPerRacks " + before.racks().get(0).nodes() + " -> 0 decommissions it");
    }

    @Override
    public String emptyBeforeRemoval(DatacenterView datacenter) {
        return "set its nodesPerRacks to 0 and wait until the cluster is Running";
    }

    @Override
    public boolean describesWholeCluster() {
        return true;
    }

    @Override
    public String numTokensField() {
        return "numTokens";
    }

    @Override
    public String clusterNameField() {
        return "metadata.name";
    }

    @Override
    public String dataCapacityField() {
        return "dataCapacity";
    }

    @Override
    public String dataStorageClassField() {
        return "dataStorageClass";
    }
}
