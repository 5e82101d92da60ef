package io.cassguard.engine.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Optional;

/** cass-operator's {@code CassandraDatacenter}: one datacenter of {@code size} nodes. */
final class CassandraDatacenterTerms extends CassOperatorTerms {

    @Override
    public String resource() {
        return "cassandradatacenter";
    }

    @Override
    public String settledWhen() {
        return "the datacenter is Ready";
    }

    @Override
    public String healthyWhen() {
        return "the CassandraDatacenter is Ready, with no scale, update, rolling restart or node replacement in progress";
    }

    @Override
    public String resizeStep(ClusterView cluster, DatacenterView datacenter, int nodes) {
        return "set size to " + nodes;
    }

    @Override
    public ObjectNode withSize(ObjectNode object, DatacenterView datacenter, int nodes) {
        object.withObject("/spec").put("size", nodes);
        return object;
    }

    @Override
    public String retireStep(ClusterView cluster, DatacenterView datacenter) {
        return "to retire " + datacenter.name() + ", remove it from every keyspace's replication, then annotate the"
                + " CassandraDatacenter " + Annotations.ALLOW_DELETE + "=true and delete it";
    }

    /** Deleting the object is how a CassandraDatacenter is retired: deletion-protection's business. */
    @Override
    public Optional<String> decommission(DatacenterView before, DatacenterView after) {
        return Optional.empty();
    }

    @Override
    public boolean describesWholeCluster() {
        return false;
    }

    @Override
    public String numTokensField() {
        return "config." + CassOperatorViews.CASSANDRA_YAML + ".num_tokens";
    }

    @Override
    public String clusterNameField() {
        return "clusterName";
    }

    @Override
    public String deletionConsequence(HasMetadata object) {
        return keepsVolumes(object) ? "" : "; cass-operator deletes its PersistentVolumeClaims with it, and the data on"
                + " them, unless it is annotated " + DELETE_PVC + "=false";
    }
}
