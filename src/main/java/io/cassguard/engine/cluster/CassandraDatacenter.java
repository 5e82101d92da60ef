package io.cassguard.engine.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * cass-operator's {@code CassandraDatacenter} ({@code cassandra.datastax.com/v1beta1}), reduced to the fields the
 * guardrails read, under cass-operator's own names; unknown fields are ignored. One object is one datacenter:
 * {@code size} nodes spread over {@code racks} (the first racks take the remainder; no racks is one rack
 * {@code default}). Its {@code config} is schemaless JSON whose {@code cassandra-yaml} section becomes cassandra.yaml.
 * k8ssandra-operator generates these objects from a {@link K8ssandraCluster} and reuses the storage types.
 */
@Group("cassandra.datastax.com")
@Version("v1beta1")
@Kind("CassandraDatacenter")
@Plural("cassandradatacenters")
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CassandraDatacenter extends CustomResource<CassandraDatacenter.Spec, CassandraDatacenter.Status>
        implements Namespaced {

    /** The label k8ssandra-operator puts on the CassandraDatacenters it generates: the K8ssandraCluster's name. */
    public static final String K8SSANDRA_CLUSTER_LABEL = "k8ssandra.io/cluster-name";

    /**
     * Whether k8ssandra-operator generated the datacenter from a K8ssandraCluster, which then is where a change is
     * judged (it writes no ownerReference: the K8ssandraCluster may live in another Kubernetes cluster).
     */
    static boolean generatedByK8ssandra(HasMetadata object) {
        return object instanceof CassandraDatacenter datacenter && datacenter.getMetadata().getLabels() != null
                && datacenter.getMetadata().getLabels().containsKey(K8SSANDRA_CLUSTER_LABEL);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec {
        public String clusterName;
        /** Cassandra's name of the datacenter, when it is not {@code metadata.name}. */
        public String datacenterName;
        public Integer size;
        public List<Rack> racks = new ArrayList<>();
        /** {@code cassandra}, {@code dse} or {@code hcd}. */
        public String serverType;
        public String serverVersion;
        public String serverImage;
        public ObjectNode config;
        public StorageConfig storageConfig;
        /** Every server pod is stopped; the volumes stay. */
        public Boolean stopped;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Rack {
        public String name;
    }

    /** The data volume of every node and the extra volumes; k8ssandra-operator uses the same type. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class StorageConfig {
        public PersistentVolumeClaimSpec cassandraDataVolumeClaimSpec;
        public List<ExtraVolumeClaim> additionalVolumes = new ArrayList<>();
    }

    /** The status cass-operator writes through the status subresource; read, never written. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Status {

        /** The conditions of work under way that a scale-down or a version change must wait for. */
        private static final Set<String> BUSY = Set.of("ScalingUp", "ScalingDown", "Updating", "ReplacingNodes",
                "RollingRestart", "Resuming", "ResizingVolumes", "Decommission");

        public List<Condition> conditions = new ArrayList<>();
        /** {@code Ready} or {@code Updating}. */
        public String cassandraOperatorProgress;

        /**
         * What the conditions say is not settled: {@code Ready} not {@code True}, or work under way; empty when the
         * datacenter is Ready and idle.
         */
        @JsonIgnore
        public List<String> unsettled() {
            List<Condition> known = conditions == null ? List.of() : conditions.stream().filter(Objects::nonNull).toList();
            List<String> problems = new ArrayList<>();
            if (known.stream().noneMatch(c -> "Ready".equals(c.type) && "True".equals(c.status))) {
                problems.add("condition Ready is not True");
            }
            // Set.of refuses a null lookup: a condition without a type is not one of these
            known.stream().filter(c -> c.type != null && BUSY.contains(c.type) && "True".equals(c.status))
                    .forEach(c -> problems.add("condition " + c.type + " is True"));
            return problems;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Condition {
        public String type;
        public String status;
    }
}
