package io.cassguard.service.cassandra;

/** A guarded Cassandra cluster: the namespace of its objects and its name (DESIGN §4). */
public record ClusterKey(String namespace, String cluster) {

    @Override
    public String toString() {
        return namespace + "/" + cluster;
    }
}
