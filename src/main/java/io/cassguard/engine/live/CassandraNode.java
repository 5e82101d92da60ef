package io.cassguard.engine.live;

/**
 * A node of a Cassandra cluster as the reader saw it.
 *
 * @param address        the node's address (broadcast address), without port
 * @param datacenter     the datacenter Cassandra reports for it (its snitch's)
 * @param rack           the rack Cassandra reports for it
 * @param up             whether it answered: false for a node that is down or whose state is not known
 * @param releaseVersion Cassandra's release version on it ({@code 5.0.9}), empty when not reported
 */
public record CassandraNode(String address, String datacenter, String rack, boolean up, String releaseVersion) {
}
