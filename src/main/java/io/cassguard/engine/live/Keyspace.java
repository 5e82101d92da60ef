package io.cassguard.engine.live;

import java.util.Map;
import java.util.TreeMap;

/**
 * A keyspace as {@code system_schema.keyspaces} describes its replication: the strategy class and the number of
 * replicas per datacenter. {@code SimpleStrategy}'s {@code replication_factor} ignores datacenters, so it counts for
 * every one ({@link #everyDcFactor()}); {@code NetworkTopologyStrategy} names each datacenter ({@link #dcFactors()});
 * {@code LocalStrategy} (node-local system keyspaces) replicates nowhere.
 *
 * @param name             the keyspace name, as Cassandra spells it
 * @param replicationClass the strategy without Cassandra's package: {@code SimpleStrategy},
 *                         {@code NetworkTopologyStrategy}, {@code LocalStrategy}; other classes as written
 * @param everyDcFactor    the replicas kept in any datacenter not named in {@code dcFactors} (0 for none)
 * @param dcFactors        the replicas per named datacenter
 */
public record Keyspace(String name, String replicationClass, int everyDcFactor, Map<String, Integer> dcFactors) {

    public static final String SIMPLE_STRATEGY = "SimpleStrategy";
    public static final String NETWORK_TOPOLOGY_STRATEGY = "NetworkTopologyStrategy";
    private static final String CASSANDRA_STRATEGIES = "org.apache.cassandra.locator.";

    public Keyspace {
        dcFactors = Map.copyOf(dcFactors);
    }

    /**
     * Reads the {@code replication} map of {@code system_schema.keyspaces}: {@code class}, then either
     * {@code replication_factor} or one entry per datacenter. A factor may be written {@code "3/1"} (3 replicas, 1 of
     * them transient): the first number counts.
     */
    public static Keyspace fromReplication(String name, Map<String, String> replication) {
        String replicationClass = replication.getOrDefault("class", "");
        if (replicationClass.startsWith(CASSANDRA_STRATEGIES)) {
            replicationClass = replicationClass.substring(CASSANDRA_STRATEGIES.length());
        }
        int everyDc = 0;
        Map<String, Integer> perDc = new TreeMap<>();
        for (Map.Entry<String, String> option : replication.entrySet()) {
            switch (option.getKey()) {
                case "class" -> { }
                case "replication_factor" -> everyDc = factor(name, option.getValue());
                default -> perDc.put(option.getKey(), factor(name, option.getValue()));
            }
        }
        return new Keyspace(name, replicationClass, everyDc, perDc);
    }

    /** How many replicas of this keyspace the datacenter keeps. */
    public int factorIn(String datacenter) {
        return dcFactors.getOrDefault(datacenter, everyDcFactor);
    }

    public boolean replicatesTo(String datacenter) {
        return factorIn(datacenter) > 0;
    }

    private static int factor(String keyspace, String value) {
        String replicas = value.contains("/") ? value.substring(0, value.indexOf('/')) : value;
        try {
            return Integer.parseInt(replicas.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("keyspace " + keyspace + ": replication factor '" + value
                    + "' is not a number", e);
        }
    }
}
