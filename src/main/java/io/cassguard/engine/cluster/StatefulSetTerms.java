package io.cassguard.engine.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** A Cassandra StatefulSet, and the Scale of one: each is one rack of {@code replicas} nodes. */
final class StatefulSetTerms implements KindTerms {

    @Override
    public String resource() {
        return "statefulset";
    }

    @Override
    public String sizeField() {
        return "replicas";
    }

    @Override
    public String settledWhen() {
        return "all pods of the rack are ready";
    }

    @Override
    public String healthyWhen() {
        return "every rack of the datacenter has all its pods ready and updated";
    }

    @Override
    public String resizeStep(ClusterView cluster, DatacenterView datacenter, int nodes) {
        return "scale to " + nodes + " (kubectl scale statefulset " + cluster.name() + " -n " + cluster.namespace()
                + " --replicas=" + nodes + ")";
    }

    @Override
    public ObjectNode withSize(ObjectNode object, DatacenterView datacenter, int nodes) {
        object.withObject("/spec").put("replicas", nodes);
        return object;
    }

    @Override
    public String retireStep(ClusterView cluster, DatacenterView datacenter) {
        return "to retire " + datacenter.name() + ", remove it from every keyspace's replication, decommission its nodes,"
                + " then annotate its StatefulSets " + Annotations.ALLOW_DELETE + "=true and delete them";
    }

    @Override
    public Optional<String> decommission(DatacenterView before, DatacenterView after) {
        return Optional.empty();
    }

    @Override
    public String emptyBeforeRemoval(DatacenterView datacenter) {
        return "decommission its nodes";
    }

    @Override
    public boolean describesWholeCluster() {
        return false;
    }

    @Override
    public String numTokensField() {
        return "env CASSANDRA_NUM_TOKENS";
    }

    @Override
    public String clusterNameField() {
        return "label " + RackIdentity.CLUSTER_LABEL + " or env CASSANDRA_CLUSTER_NAME";
    }

    @Override
    public String dataCapacityField() {
        return "volumeClaimTemplates";
    }

    @Override
    public String dataStorageClassField() {
        return "volumeClaimTemplates";
    }
}
