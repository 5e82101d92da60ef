package io.cassguard.engine.rules;

import io.cassguard.engine.cluster.Annotations;
import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.cluster.ReplicationFactors;
import io.cassguard.engine.live.CassandraReading;
import io.cassguard.engine.live.LiveReading;
import io.cassguard.model.Action;
import io.cassguard.model.FieldError;
import io.cassguard.model.SelfValidating;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code min-dc-size}: a datacenter smaller than its replication factor cannot hold every replica, and one
 * smaller than {@code minNodesPerDc} loses quorum when a node fails. The replication factor is the highest of any
 * keyspace in the datacenter as Cassandra itself last reported it (docs/live-state.md), else the one the annotation
 * declares. A datacenter going to 0 is {@code dc-decommission}'s business. A StatefulSet's datacenter is its rack
 * plus the sibling racks the live state knows; standalone, the rack alone.
 */
public class MinDcSizeRule extends ChangeRule<MinDcSizeRule.Parameters> {

    public static class Parameters implements SelfValidating {
        public int minNodesPerDc = 3;
        /** Refuse a shrink while Cassandra's own replication is unknown, instead of trusting the objects. */
        public boolean requireLiveState;

        @Override
        public List<FieldError> problems() {
            return minNodesPerDc >= 1 ? List.of() : List.of(new FieldError("minNodesPerDc", "must be at least 1"));
        }
    }

    /** The replication factor of one datacenter and where it comes from, in words for the message. */
    private record Factor(OptionalInt value, String source) {
    }

    public MinDcSizeRule() {
        super("min-dc-size", Action.Enforce, Parameters.class);
    }

    @Override
    List<Violation> check(ClusterChange change, Parameters parameters) {
        List<ClusterChange.Kept> shrinking = change.keptDatacenters().stream()
                .filter(kept -> kept.after().nodes() > 0 && kept.after().nodes() < kept.before().nodes())
                .toList();
        if (shrinking.isEmpty()) {
            return List.of();
        }
        LiveReading live = change.liveReading();
        if (!live.isKnown() && parameters.requireLiveState) {
            return List.of(Violation.refuse("dc " + shrinking.get(0).after().name() + " shrinks while the replication of"
                    + " its keyspaces is unknown (" + live.unknownReason() + ") and requireLiveState is set; retry once"
                    + " cassguard has read the cluster (GET /clusters shows the reading)"));
        }
        ReplicationFactors declared;
        try {
            declared = ReplicationFactors.parse(change.after().annotations().get(Annotations.REPLICATION_FACTOR));
        } catch (ReplicationFactors.InvalidReplicationFactorException e) {
            if (!live.isKnown()) {
                return List.of(Violation.refuse(e.getMessage() + "; fix it so that the size of a shrinking datacenter can be checked"));
            }
            declared = ReplicationFactors.NONE; // the live value decides; the annotation is not needed
        }
        ReplicationFactors annotation = declared;
        return shrinking.stream()
                .map(kept -> tooSmall(change, kept, parameters.minNodesPerDc,
                        factor(live, annotation, kept.after().name(), change.ignoredKeyspaces())))
                .flatMap(List::stream)
                .toList();
    }

    /** Cassandra's own highest replication factor in the datacenter when known; else the annotation's. */
    private static Factor factor(LiveReading live, ReplicationFactors annotation, String datacenter,
                                 Set<String> ignoredKeyspaces) {
        OptionalInt declared = annotation.of(datacenter);
        if (live.isKnown()) {
            Optional<CassandraReading.KeyspaceFactor> highest =
                    live.reading().orElseThrow().highestReplicationFactor(datacenter, ignoredKeyspaces);
            String disagreement = declared.isPresent() && declared.getAsInt() != highest.map(CassandraReading.KeyspaceFactor::factor).orElse(0)
                    ? "; " + Annotations.REPLICATION_FACTOR + " says " + declared.getAsInt() + ", the live value wins" : "";
            return highest.map(h -> new Factor(OptionalInt.of(h.factor()), "keyspace " + h.keyspace() + " has replication factor "
                            + h.factor() + " in " + datacenter + ", " + live.ageText() + disagreement))
                    .orElseGet(() -> new Factor(OptionalInt.empty(), "no keyspace replicates to " + datacenter + ", "
                            + live.ageText() + disagreement));
        }
        return new Factor(declared, declared.isPresent()
                ? "replication factor " + declared.getAsInt() + " from " + Annotations.REPLICATION_FACTOR + live.fallbackNote()
                : live.fallbackNote().strip());
    }

    @Override
    public boolean judgesDatacenters() {
        return true;
    }

    /**
     * A running datacenter (not one retired to 0) smaller than its minimum; and, when Cassandra was read, every
     * keyspace that keeps more replicas in the datacenter than it has nodes: a cluster already at risk.
     */
    @Override
    public List<Violation> checkDatacenter(ClusterState datacenter, RuleContext<Parameters> context) {
        int nodes = datacenter.desiredNodes();
        if (nodes == 0) {
            return List.of();
        }
        LiveReading live = context.liveState().cassandra(datacenter.namespace(), datacenter.cluster());
        if (live.isKnown()) {
            return live.reading().orElseThrow().keyspacesReplicatingTo(datacenter.datacenter(), context.ignoredKeyspaces())
                    .stream()
                    .filter(keyspace -> keyspace.factorIn(datacenter.datacenter()) > nodes)
                    .map(keyspace -> Violation.refuse("keyspace " + keyspace.name() + " has replication factor "
                            + keyspace.factorIn(datacenter.datacenter()) + " in dc " + datacenter.datacenter() + ", which runs "
                            + ClusterChange.nodes(nodes) + " (" + live.ageText() + "); add nodes or lower the keyspace's replication"))
                    .toList();
        }
        ReplicationFactors factors;
        try {
            factors = ReplicationFactors.parse(context.request().annotations().get(Annotations.REPLICATION_FACTOR));
        } catch (ReplicationFactors.InvalidReplicationFactorException e) {
            return List.of(Violation.refuse(e.getMessage() + "; fix it so that the size of the datacenter can be checked"));
        }
        OptionalInt replicationFactor = factors.of(datacenter.datacenter());
        int minimum = Math.max(context.parameters().minNodesPerDc, replicationFactor.orElse(0));
        if (nodes >= minimum) {
            return List.of();
        }
        String source = replicationFactor.isPresent()
                ? "replication factor " + replicationFactor.getAsInt() + " from " + Annotations.REPLICATION_FACTOR : "";
        return List.of(Violation.refuse("dc " + datacenter.datacenter() + " runs " + ClusterChange.nodes(nodes) + ", below its minimum of "
                + minimum + " (" + why(context.parameters().minNodesPerDc, source) + "); add nodes until it has at least "
                + ClusterChange.nodes(minimum)));
    }

    private static String why(int minNodes, String source) {
        return "minNodesPerDc " + minNodes + (source.isEmpty() ? "" : ", " + source);
    }

    private static List<Violation> tooSmall(ClusterChange change, ClusterChange.Kept kept, int minNodes, Factor factor) {
        int minimum = Math.max(minNodes, factor.value().orElse(0));
        int nodes = kept.after().nodes();
        if (nodes >= minimum) {
            return List.of();
        }
        String dc = kept.after().name();
        String standalone = !change.after().describesWholeDatacenters() && !change.liveState().available()
                ? " (standalone: only this StatefulSet is known in " + dc + ")" : "";
        return List.of(Violation.refuse("dc " + dc + " goes from " + ClusterChange.nodes(kept.before().nodes()) + " to "
                + ClusterChange.nodes(nodes) + standalone + ", below its minimum of " + minimum + " (" + why(minNodes, factor.source())
                + "); keep at least " + ClusterChange.nodes(minimum) + " in " + dc + ", and retire a datacenter only after removing it"
                + " from every keyspace's replication"));
    }
}
