package io.cassguard.service.cassandra;

/** A guarded Cassandra cluster: the namespace of its objects and its name (docs/kinds.md). */
public record ClusterKey(String namespace, String cluster) {

    @Override
    public String toString() {
        return namespace + "/" + cluster;
    }
}
