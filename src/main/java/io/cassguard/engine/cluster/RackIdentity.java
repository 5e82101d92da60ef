package io.cassguard.engine.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.Map;
import java.util.Optional;

/**
 * Where a Cassandra StatefulSet sits (docs/kinds.md): one StatefulSet is one rack of a datacenter of a cluster.
 * cluster = label {@code cassandracluster} (CassKop's), else {@code cassandra.datastax.com/cluster} (cass-operator's),
 * else env {@code CASSANDRA_CLUSTER_NAME}, else the StatefulSet name; datacenter = label
 * {@code cassandraclusters.db.orange.com.dc}, else {@code cassandra.datastax.com/datacenter}, else env
 * {@code CASSANDRA_DC}, else {@code dc1}. cass-operator's labels carry the names cleaned into label values (no spaces),
 * the datacenter's by its CassandraDatacenter's {@code metadata.name}.
 */
public record RackIdentity(String namespace, String cluster, String datacenter, String rack) {

    public static final String CLUSTER_LABEL = "cassandracluster";
    public static final String DATACENTER_LABEL = "cassandraclusters.db.orange.com.dc";
    /** CassKop labels each rack StatefulSet with its rack name. */
    public static final String RACK_LABEL = "cassandraclusters.db.orange.com.rack";
    public static final String DEFAULT_DATACENTER = "dc1";
    /** The labels cass-operator puts on the StatefulSets of its racks. */
    public static final String CASS_OPERATOR_CLUSTER_LABEL = "cassandra.datastax.com/cluster";
    public static final String CASS_OPERATOR_DATACENTER_LABEL = "cassandra.datastax.com/datacenter";

    public static RackIdentity of(StatefulSet statefulSet) {
        Map<String, String> labels = statefulSet.getMetadata().getLabels() == null
                ? Map.of() : statefulSet.getMetadata().getLabels();
        Optional<Container> cassandra = CassandraStatefulSets.cassandraContainer(statefulSet);
        String name = statefulSet.getMetadata().getName();
        String cluster = Optional.ofNullable(labels.get(CLUSTER_LABEL))
                .or(() -> Optional.ofNullable(labels.get(CASS_OPERATOR_CLUSTER_LABEL)))
                .or(() -> cassandra.flatMap(c -> env(c, "CASSANDRA_CLUSTER_NAME")))
                .orElse(name);
        String datacenter = Optional.ofNullable(labels.get(DATACENTER_LABEL))
                .or(() -> Optional.ofNullable(labels.get(CASS_OPERATOR_DATACENTER_LABEL)))
                .or(() -> cassandra.flatMap(c -> env(c, "CASSANDRA_DC")))
                .orElse(DEFAULT_DATACENTER);
        return new RackIdentity(statefulSet.getMetadata().getNamespace(), cluster, datacenter, name);
    }

    /** Whether another rack belongs to the same datacenter of the same cluster. */
    public boolean sameDatacenter(RackIdentity other) {
        return java.util.Objects.equals(namespace, other.namespace) && cluster.equals(other.cluster)
                && datacenter.equals(other.datacenter);
    }

    /** A literal env value of the container; a value taken from a ConfigMap or field cannot be known here. */
    public static Optional<String> env(Container container, String name) {
        return container.getEnv() == null ? Optional.empty() : container.getEnv().stream()
                .filter(e -> name.equals(e.getName()) && e.getValue() != null && !e.getValue().isBlank())
                .map(EnvVar::getValue)
                .findFirst();
    }
}
