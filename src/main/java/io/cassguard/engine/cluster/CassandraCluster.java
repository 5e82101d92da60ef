package io.cassguard.engine.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
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
 * CassKop's {@code CassandraCluster} ({@code db.orange.com}, v1alpha1 and v2), reduced to the fields the guardrails
 * read. Field names and types are CassKop's own; unknown fields are ignored so that new operator versions do not
 * break admission. One class reads both versions: v2 (and the late v1alpha1) add {@code serverVersion},
 * {@code serverType} and the {@code config} maps at cluster, datacenter and rack level (the token count is
 * {@code config.cassandra-yaml.num_tokens} there, the older v1alpha1 has {@code topology.dc[].numTokens}); both have
 * {@code storageConfigs}, the extra volumes of every node. A {@code config} map is read as JSON: its shape is
 * Cassandra's settings, whatever CassKop's config builder accepts.
 */
@Group("db.orange.com")
@Version("v1alpha1")
@Kind("CassandraCluster")
@Plural("cassandraclusters")
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CassandraCluster extends CustomResource<CassandraCluster.Spec, CassandraCluster.Status> implements Namespaced {

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec {
        public Integer nodesPerRacks;
        public String cassandraImage;
        public String serverVersion;
        /** {@code cassandra} (CassKop's default) or {@code dse}. */
        public String serverType;
        public String dataCapacity;
        public String dataStorageClass;
        public ObjectNode config;
        public List<ExtraVolumeClaim> storageConfigs = new ArrayList<>();
        public Topology topology;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Topology {
        public List<Datacenter> dc = new ArrayList<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Datacenter {
        public String name;
        public Map<String, String> labels;
        public List<Rack> rack = new ArrayList<>();
        public Integer nodesPerRacks;
        public Integer numTokens;
        public String dataCapacity;
        public String dataStorageClass;
        public ObjectNode config;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Rack {
        public String name;
        public Map<String, String> labels;
        public ObjectNode config;
    }

    /** The status CassKop writes; cassguard reads it and never writes it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Status {
        public String phase;
        public String lastClusterAction;
        public String lastClusterActionStatus;
        public Map<String, RackStatus> cassandraRackStatus = new LinkedHashMap<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RackStatus {
        public String phase;
        public LastAction cassandraLastAction;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class LastAction {
        public String name;
        public String status;

        /** CassKop works on the rack: the action is to do or under way. */
        @JsonIgnore
        public boolean busy() {
            return "Ongoing".equals(status) || "ToDo".equals(status);
        }
    }
}
