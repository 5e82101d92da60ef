package io.cassguard.engine.cluster;

/**
 * One rack: a StatefulSet of Cassandra nodes.
 *
 * @param nodes   the rack's size; a negative size (which no schema may have caught) runs no node, so it counts as 0
 * @param sibling the rack is not part of the object under review but another StatefulSet of the same datacenter,
 *                known from the live state; its size is the same before and after the change
 */
public record RackView(String name, int nodes, boolean sibling) {

    public RackView {
        nodes = Math.max(0, nodes);
    }
}
