package io.cassguard.service.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import com.datastax.oss.driver.api.core.Version;
import io.cassguard.engine.live.CassandraNode;
import io.cassguard.engine.live.CassandraReading;
import io.cassguard.engine.live.Keyspace;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One reading of a cluster over an open session: {@code cluster_name} from {@code system.local} (a cluster of another
 * name is an error, never a reading), the keyspaces from {@code system_schema.keyspaces}, schema agreement, and the
 * nodes as the driver knows them (datacenter, rack, release version from {@code system.local}/{@code system.peers_v2},
 * up or down from its connections and Cassandra's status events).
 */
final class CqlReads {

    static final String CLUSTER_NAME = "SELECT cluster_name FROM system.local";
    static final String KEYSPACES = "SELECT keyspace_name, replication FROM system_schema.keyspaces";

    private CqlReads() {
    }

    /** Contact points that answer for another cluster than the one guarded. */
    static final class WrongClusterException extends RuntimeException {
        WrongClusterException(String expected, String actual) {
            super("the contact points answer for cluster_name '" + actual + "', not '" + expected
                    + "': their reading is not used");
        }
    }

    static CompletionStage<CassandraReading> read(CqlSession session, String expectedClusterName, Clock clock) {
        return session.executeAsync(CLUSTER_NAME)
                .thenCompose(local -> {
                    String clusterName = local.one().getString("cluster_name");
                    if (expectedClusterName != null && !expectedClusterName.equals(clusterName)) {
                        throw new CompletionException(new WrongClusterException(expectedClusterName, clusterName));
                    }
                    return session.executeAsync(KEYSPACES);
                })
                .thenCompose(keyspaces -> session.checkSchemaAgreementAsync()
                        .thenApply(agreement -> new CassandraReading(clusterName(session, expectedClusterName),
                                clock.instant(), keyspaces(keyspaces), nodes(session), agreement)));
    }

    /** The name checked against the expected one; standalone expects none and takes what the driver saw. */
    private static String clusterName(CqlSession session, String expectedClusterName) {
        return expectedClusterName != null ? expectedClusterName : session.getMetadata().getClusterName().orElse("");
    }

    private static List<Keyspace> keyspaces(AsyncResultSet rows) {
        List<Keyspace> keyspaces = new ArrayList<>();
        for (Row row : rows.currentPage()) {
            keyspaces.add(Keyspace.fromReplication(row.getString("keyspace_name"),
                    row.getMap("replication", String.class, String.class)));
        }
        return keyspaces;
    }

    private static List<CassandraNode> nodes(CqlSession session) {
        return session.getMetadata().getNodes().values().stream()
                .map(node -> new CassandraNode(address(node), orEmpty(node.getDatacenter()), orEmpty(node.getRack()),
                        node.getState() == NodeState.UP, version(node.getCassandraVersion())))
                .toList();
    }

    private static String address(Node node) {
        SocketAddress address = node.getBroadcastAddress().map(SocketAddress.class::cast)
                .orElseGet(() -> node.getEndPoint().resolve());
        return address instanceof InetSocketAddress inet
                ? (inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString())
                : address.toString();
    }

    private static String version(Version version) {
        return version == null ? "" : version.toString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
