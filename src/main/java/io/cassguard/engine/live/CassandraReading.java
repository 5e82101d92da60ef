package io.cassguard.engine.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What cassguard read from one Cassandra cluster over CQL (docs/live-state.md), and the questions the rules ask of it.
 *
 * @param clusterName     Cassandra's own {@code cluster_name} ({@code system.local})
 * @param readAt          when the reading was completed
 * @param keyspaces       every keyspace, system ones included, by name
 * @param nodes           every node the cluster reports, by address
 * @param schemaAgreement whether all nodes that are up agree on the schema version
 */
public record CassandraReading(String clusterName, Instant readAt, List<Keyspace> keyspaces,
                               List<CassandraNode> nodes, boolean schemaAgreement) {

    /**
     * Keyspaces that never count (docs/live-state.md, the default of policy {@code spec.cassandra.ignoreKeyspaces}): they
     * are local to each node. {@code system_auth}, {@code system_distributed} and {@code system_traces} do count.
     */
    public static final Set<String> DEFAULT_IGNORED_KEYSPACES =
            Set.of("system", "system_schema", "system_virtual_schema", "system_views");

    private static final Pattern UNQUOTED_IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");

    /** The highest replication factor of any counted keyspace in a datacenter, and the keyspace that has it. */
    public record KeyspaceFactor(String keyspace, int factor) {
    }

    public CassandraReading {
        keyspaces = keyspaces.stream().sorted(Comparator.comparing(Keyspace::name)).toList();
        nodes = nodes.stream().sorted(Comparator.comparing(CassandraNode::address)).toList();
    }

    public Duration age(Instant now) {
        return Duration.between(readAt, now);
    }

    /** Whether the reading is older than {@code maxAge} ({@code cassguard.cassandra.max-age}): then it is unknown. */
    public boolean olderThan(Duration maxAge, Instant now) {
        return age(now).compareTo(maxAge) > 0;
    }

    /** The datacenters the nodes belong to. */
    public SortedSet<String> datacenters() {
        return nodes.stream().map(CassandraNode::datacenter).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The highest replication factor in {@code datacenter} of the keyspaces not ignored, and the first keyspace by
     * name that has it; empty when none keeps a replica there.
     */
    public Optional<KeyspaceFactor> highestReplicationFactor(String datacenter, Set<String> ignoredKeyspaces) {
        return keyspacesReplicatingTo(datacenter, ignoredKeyspaces).stream()
                .map(k -> new KeyspaceFactor(k.name(), k.factorIn(datacenter)))
                .max(Comparator.comparingInt(KeyspaceFactor::factor)
                        .thenComparing(KeyspaceFactor::keyspace, Comparator.reverseOrder()));
    }

    /** The keyspaces not ignored that keep replicas in {@code datacenter}, by name. */
    public List<Keyspace> keyspacesReplicatingTo(String datacenter, Set<String> ignoredKeyspaces) {
        return keyspaces.stream()
                .filter(k -> !ignoredKeyspaces.contains(k.name()))
                .filter(k -> k.replicatesTo(datacenter))
                .toList();
    }

    /**
     * The {@code ALTER KEYSPACE} that stops {@code keyspace} replicating to {@code datacenter} and keeps its factor in
     * every other datacenter: {@code NetworkTopologyStrategy} with the other datacenters it names (for
     * {@code SimpleStrategy}, every other datacenter of the cluster at its {@code replication_factor}). Empty when no
     * other datacenter would keep a replica: no ALTER releases the datacenter without losing the keyspace's data.
     */
    public Optional<String> releaseStatement(Keyspace keyspace, String datacenter) {
        Map<String, Integer> kept = new TreeMap<>();
        if (keyspace.everyDcFactor() > 0) {
            datacenters().forEach(dc -> kept.put(dc, keyspace.everyDcFactor()));
        }
        kept.putAll(keyspace.dcFactors());
        kept.remove(datacenter);
        kept.values().removeIf(factor -> factor == 0);
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        String replication = kept.entrySet().stream()
                .map(e -> literal(e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining(", "));
        return Optional.of("ALTER KEYSPACE " + identifier(keyspace.name()) + " WITH replication = {'class': '"
                + Keyspace.NETWORK_TOPOLOGY_STRATEGY + "', " + replication + "};");
    }

    /** The nodes of {@code datacenter} that are not up. */
    public List<CassandraNode> nodesDown(String datacenter) {
        return nodes.stream().filter(n -> n.datacenter().equals(datacenter) && !n.up()).toList();
    }

    /** The release versions the nodes report, in order. */
    public SortedSet<String> releaseVersions() {
        return nodes.stream().map(CassandraNode::releaseVersion).filter(Objects::nonNull).filter(v -> !v.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Whether the nodes run different Cassandra releases: an upgrade is under way. */
    public boolean mixedReleaseVersions() {
        return releaseVersions().size() > 1;
    }

    private static String identifier(String name) {
        return UNQUOTED_IDENTIFIER.matcher(name).matches() ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
