package io.cassguard.engine.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Cassandra cluster as the rules see it, whatever kind of object described it: a CassandraCluster or a
 * K8ssandraCluster (the whole cluster), a CassandraDatacenter (one datacenter), a StatefulSet or its Scale (one rack,
 * with its sibling racks when the live state knows them). Each rule is written once against this view, and speaks the
 * object's own language through its {@link KindTerms} in its messages.
 *
 * @param name        the object's name
 * @param cluster     the Cassandra cluster's name (Cassandra's own {@code cluster_name} where the kind sets it)
 * @param serverType  {@code cassandra}, {@code dse} (DataStax Enterprise) or {@code hcd} (DataStax Hyper-Converged
 *                    Database), whose versions Cassandra's upgrade paths do not describe; {@code cassandra} for the
 *                    kinds that do not say
 * @param health      what the object's status (or, for a Scale, its StatefulSet's) says
 * @param annotations the annotations that configure the guardrails for this cluster
 */
public record ClusterView(GuardedKind kind, String namespace, String name, String cluster,
                          List<DatacenterView> datacenters, String serverType, Health health,
                          Map<String, String> annotations) {

    public static final String CASSANDRA = "cassandra";
    public static final String DSE = "dse";
    public static final String HCD = "hcd";

    /** The words and conventions of the object's kind. */
    public KindTerms terms() {
        return kind.terms();
    }

    /** Cassandra's upgrade paths apply: the server is Apache Cassandra, not DSE or HCD. */
    public boolean isApacheCassandra() {
        return CASSANDRA.equals(serverType);
    }

    /** The server as messages name it: {@code Cassandra}, {@code DSE}, {@code HCD}. */
    public String serverName() {
        return switch (serverType) {
            case DSE -> "DSE";
            case HCD -> "HCD";
            default -> "Cassandra";
        };
    }

    public Optional<DatacenterView> datacenter(String datacenterName) {
        return datacenters.stream().filter(dc -> dc.name().equals(datacenterName)).findFirst();
    }

    public int nodes() {
        return datacenters.stream().mapToInt(DatacenterView::nodes).sum();
    }

    /**
     * The object describes its datacenters whole: a StatefulSet or its Scale describes one rack, and its datacenter
     * is known only as far as the live state knows the sibling racks.
     */
    public boolean describesWholeDatacenters() {
        return kind != GuardedKind.STATEFULSET && kind != GuardedKind.STATEFULSET_SCALE;
    }
}
