package io.cassguard.engine.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The live state of one datacenter of one Cassandra cluster (docs/architecture.md), built by the controller from its
 * informer caches: the webhook decides from it instead of from the request alone.
 */
public record ClusterState(String namespace, String cluster, String datacenter, List<RackState> racks) {

    /**
     * @param desiredNodes what the spec asks for
     * @param readyNodes   ready Cassandra pods
     * @param versions     Cassandra versions the rack runs or is rolling to (more than one during an upgrade)
     * @param inProgress   a rollout or scale is under way (revisions differ, ready below desired, operator action ongoing)
     */
    public record RackState(String name, int desiredNodes, int readyNodes, List<String> versions, boolean inProgress) {

        @JsonProperty
        public boolean healthy() {
            return !inProgress && readyNodes >= desiredNodes;
        }
    }

    @JsonProperty
    public boolean healthy() {
        return racks.stream().allMatch(RackState::healthy);
    }

    @JsonProperty
    public int desiredNodes() {
        return racks.stream().mapToInt(RackState::desiredNodes).sum();
    }
}
