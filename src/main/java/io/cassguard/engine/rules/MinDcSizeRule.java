package io.cassguard.engine.rules;

import io.cassguard.model.Action;
import io.cassguard.model.SelfValidating;
import io.cassguard.engine.cluster.Annotations;
import io.cassguard.model.FieldError;
import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.cluster.ReplicationFactors;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code min-dc-size}: a datacenter smaller than its replication factor cannot hold every replica, and one
 * smaller than {@code minNodesPerDc} loses quorum when a node fails. A datacenter going to 0 is
 * {@code dc-decommission}'s business. A StatefulSet's datacenter is its rack plus the sibling racks the live
 * state knows; standalone, the rack alone.
 */
public class MinDcSizeRule extends ChangeRule<MinDcSizeRule.Parameters> {

    public static class Parameters implements SelfValidating {
        public int minNodesPerDc = 3;

        @Override
        public List<FieldError> problems() {
            return minNodesPerDc >= 1 ? List.of() : List.of(new FieldError("minNodesPerDc", "must be at least 1"));
        }
    }

    public MinDcSizeRule() {
        super("min-dc-size", Action.Enforce, Parameters.class);
    }

    @Override
    List<Violation> check(Change change, Parameters parameters) {
        List<Change.Kept> shrinking = change.keptDatacenters().stream()
                .filter(kept -> kept.after().nodes() > 0 && kept.after().nodes() < kept.before().nodes())
                .toList();
        if (shrinking.isEmpty()) {
            return List.of();
        }
        ReplicationFactors factors;
        try {
            factors = ReplicationFactors.parse(change.after().annotations().get(Annotations.REPLICATION_FACTOR));
        } catch (ReplicationFactors.InvalidReplicationFactorException e) {
            return List.of(Violation.refuse(e.getMessage() + "; fix it so that the size of a shrinking datacenter can be checked"));
        }
        return shrinking.stream()
                .map(kept -> tooSmall(change, kept, parameters.minNodesPerDc, factors.of(kept.after().name())))
                .flatMap(List::stream)
                .toList();
    }

    @Override
    public boolean judgesDatacenters() {
        return true;
    }

    /** A running datacenter (not one retired to 0) smaller than its minimum. */
    @Override
    public List<Violation> checkDatacenter(ClusterState datacenter, Map<String, String> annotations, Parameters parameters) {
        int nodes = datacenter.desiredNodes();
        if (nodes == 0) {
            return List.of();
        }
        ReplicationFactors factors;
        try {
            factors = ReplicationFactors.parse(annotations.get(Annotations.REPLICATION_FACTOR));
        } catch (ReplicationFactors.InvalidReplicationFactorException e) {
            return List.of(Violation.refuse(e.getMessage() + "; fix it so that the size of the datacenter can be checked"));
        }
        OptionalInt replicationFactor = factors.of(datacenter.datacenter());
        int minimum = Math.max(parameters.minNodesPerDc, replicationFactor.orElse(0));
        if (nodes >= minimum) {
            return List.of();
        }
        return List.of(Violation.refuse("dc " + datacenter.datacenter() + " runs " + Change.nodes(nodes) + ", below its minimum of "
                + minimum + " (" + why(parameters.minNodesPerDc, replicationFactor) + "); add nodes until it has at least "
                + Change.nodes(minimum)));
    }

    private static String why(int minNodes, OptionalInt replicationFactor) {
        return "minNodesPerDc " + minNodes + (replicationFactor.isPresent()
                ? ", replication factor " + replicationFactor.getAsInt() + " from " + Annotations.REPLICATION_FACTOR : "");
    }

    private static List<Violation> tooSmall(Change change, Change.Kept kept, int minNodes, OptionalInt replicationFactor) {
        int minimum = Math.max(minNodes, replicationFactor.orElse(0));
        int nodes = kept.after().nodes();
        if (nodes >= minimum) {
            return List.of();
        }
        String dc = kept.after().name();
        String why = why(minNodes, replicationFactor);
        String standalone = !change.after().isCassandraCluster() && !change.liveState().available()
                ? " (standalone: only this StatefulSet is known in " + dc + ")" : "";
        return List.of(Violation.refuse("dc " + dc + " goes from " + Change.nodes(kept.before().nodes()) + " to "
                + Change.nodes(nodes) + standalone + ", below its minimum of " + minimum + " (" + why + "); keep at least "
                + Change.nodes(minimum) + " in " + dc + ", and retire a datacenter only after removing it from every"
                + " keyspace's replication"));
    }
}
