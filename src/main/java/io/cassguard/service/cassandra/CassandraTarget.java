package io.cassguard.service.cassandra;

import java.util.List;
import java.util.Optional;

/**
 * Where and how to read one Cassandra cluster (docs/live-state.md). Two targets are equal when nothing about the connection
 * differs: the registry reopens a reader only when its target changes.
 *
 * @param contactPoints   {@code host:port} (or {@code host}, port 9042); host names are resolved at each attempt
 * @param clusterName     the {@code cluster_name} Cassandra must report: a cluster that reports another is an error;
 *                        null (standalone, {@code cassguard.cassandra.contact-points}): whatever the cluster is called
 * @param localDatacenter the datacenter whose nodes coordinate the reads; empty: any node
 * @param credentials     for {@code PasswordAuthenticator}; empty: no authentication
 * @param tls             TLS to the native port; empty: plain
 */
public record CassandraTarget(List<String> contactPoints, String clusterName, Optional<String> localDatacenter,
                              Optional<Credentials> credentials, Optional<Tls> tls) {

    public static final int DEFAULT_PORT = 9042;

    public CassandraTarget {
        contactPoints = List.copyOf(contactPoints);
        if (contactPoints.isEmpty()) {
            throw new IllegalArgumentException("cluster " + clusterName + ": no contact point");
        }
    }

    /** A target without authentication nor TLS. */
    public static CassandraTarget plain(List<String> contactPoints, String clusterName) {
        return new CassandraTarget(contactPoints, clusterName, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Keys {@code username} and {@code password} of the cluster's Secret. */
    public record Credentials(String username, String password) {

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=***]";
        }
    }

    /**
     * Keys {@code ca.crt}, {@code tls.crt} and {@code tls.key} of the cluster's Secret, PEM text.
     *
     * @param caCertificates the CA(s) the nodes' certificates must chain to
     * @param certificate    the client certificate chain, for nodes that require client authentication
     * @param privateKey     its key (PKCS#8, PKCS#1 or SEC1)
     */
    public record Tls(String caCertificates, Optional<String> certificate, Optional<String> privateKey) {

        public Tls {
            if (certificate.isPresent() != privateKey.isPresent()) {
                throw new IllegalArgumentException("tls.crt and tls.key go together");
            }
        }

        @Override
        public String toString() {
            return "Tls[ca.crt, " + (certificate.isPresent() ? "tls.crt, tls.key" : "no client certificate") + "]";
        }
    }
}
