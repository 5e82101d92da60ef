package io.cassguard.engine.cluster;

import java.util.ArrayList;
import java.util.List;

/** What reading cass-operator's two kinds into a {@link ClusterView} shares: racks, storage and status. */
final class CassOperatorViews {

    /** cass-operator's one rack of a datacenter that names none. */
    static final String DEFAULT_RACK = "default";
    /** The section of cass-operator's {@code config} that becomes cassandra.yaml. */
    static final String CASSANDRA_YAML = "cassandra-yaml";

    private CassOperatorViews() {
    }

    /**
     * The racks of a datacenter of {@code size} nodes as cass-operator spreads them: {@code size / racks} each, the
     * first {@code size % racks} racks one more.
     */
    static List<RackView> racks(int size, List<String> names, RackView.NumTokens numTokens) {
        List<String> racks = names.isEmpty() ? List.of(DEFAULT_RACK) : names;
        List<RackView> views = new ArrayList<>();
        for (int i = 0; i < racks.size(); i++) {
            int nodes = size / racks.size() + (i < size % racks.size() ? 1 : 0);
            views.add(new RackView(racks.get(i), nodes, false, numTokens));
        }
        return List.copyOf(views);
    }

    /**
     * What a CassandraDatacenter's status says is wrong or under way, each problem prefixed with {@code where}
     * ({@code ""}, or {@code "dc dc1: "} in a K8ssandraCluster).
     */
    static List<String> problems(CassandraDatacenter.Status status, String where, String reporter) {
        if (status == null || status.conditions == null || status.conditions.isEmpty()) {
            return List.of(where + reporter + " has reported no status conditions yet");
        }
        return status.unsettled().stream().map(problem -> where + problem).toList();
    }

    /** The names the racks declare, in order; a rack without a name is the schema's business, not a rack. */
    static List<String> rackNames(List<CassandraDatacenter.Rack> racks) {
        return racks == null ? List.of() : racks.stream().filter(rack -> rack != null && rack.name != null)
                .map(rack -> rack.name).toList();
    }

    static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
