package io.cassguard.engine.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * k8ssandra-operator's {@code K8ssandraCluster} ({@code k8ssandra.io/v1alpha1}), reduced to what the guardrails read,
 * under k8ssandra-operator's own names; unknown fields are ignored. {@code spec.cassandra} holds the settings of
 * every datacenter and the list of datacenters, each of which may set its own (its value wins, field by field);
 * k8ssandra-operator turns each into a {@link CassandraDatacenter}. Its {@code config.cassandraYaml} is what
 * cass-operator calls {@code config.cassandra-yaml}.
 */
@Group("k8ssandra.io")
@Version("v1alpha1")
@Kind("K8ssandraCluster")
@Plural("k8ssandraclusters")
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class K8ssandraCluster extends CustomResource<K8ssandraCluster.Spec, K8ssandraCluster.Status> implements Namespaced {

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec {
        public Cassandra cassandra;
    }

    /** The settings a datacenter may override, as the cluster sets them for all. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class DatacenterOptions {
        public String serverVersion;
        public String serverImage;
        public ObjectNode config;
        public CassandraDatacenter.StorageConfig storageConfig;
        public ExtraVolumes extraVolumes;
        public List<CassandraDatacenter.Rack> racks = new ArrayList<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Cassandra extends DatacenterOptions {
        /** Cassandra's cluster_name; {@code metadata.name} when unset. */
        public String clusterName;
        /** {@code cassandra} (the default), {@code dse} or {@code hcd}, for every datacenter. */
        public String serverType;
        public List<Datacenter> datacenters = new ArrayList<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Datacenter extends DatacenterOptions {
        public DatacenterMetadata metadata;
        public Integer size;
        /** Cassandra's name of the datacenter, when it is not {@code metadata.name}. */
        public String datacenterName;
        public Boolean stopped;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class DatacenterMetadata {
        public String name;
    }

    /** Extra volumes; only the claimed ones ({@code pvcs}) hold data. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ExtraVolumes {
        public List<ExtraVolumeClaim> pvcs = new ArrayList<>();
    }

    /** The status k8ssandra-operator writes: per datacenter (by {@code metadata.name}), the CassandraDatacenter's. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Status {
        public Map<String, DatacenterStatus> datacenters = new LinkedHashMap<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class DatacenterStatus {
        public CassandraDatacenter.Status cassandra;
    }
}
