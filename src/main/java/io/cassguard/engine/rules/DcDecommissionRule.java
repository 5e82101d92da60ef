package io.cassguard.engine.rules;

import io.cassguard.engine.live.CassandraReading;
import io.cassguard.engine.live.Keyspace;
import io.cassguard.engine.live.LiveReading;
import io.cassguard.engine.cluster.GuardedKind;
import io.cassguard.model.Action;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code dc-decommission}: a datacenter taken out of its cluster (a CassandraCluster datacenter set to
 * {@code nodesPerRacks: 0}, a datacenter removed from a K8ssandraCluster) loses every replica it holds; keyspaces
 * that still replicate to it fail their writes at LOCAL/EACH quorum. When Cassandra was read (docs/live-state.md) and a
 * keyspace still replicates to the datacenter, it is refused with the {@code ALTER KEYSPACE} statements that release
 * it; without a reading it is only a warning (retiring a datacenter this way is the operators' supported way, once
 * the keyspaces no longer use it), unless {@code requireLiveState} asks to refuse.
 */
public class DcDecommissionRule extends ChangeRule<DcDecommissionRule.Parameters> {

    public static class Parameters {
        /** Refuse a decommission while Cassandra's own replication is unknown, instead of only warning. */
        public boolean requireLiveState;
    }

    public DcDecommissionRule() {
        super("dc-decommission", Action.Enforce, Parameters.class,
                EnumSet.of(GuardedKind.CASSANDRA_CLUSTER, GuardedKind.K8SSANDRA_CLUSTER));
    }

    /** The whole cluster going is scale-to-zero's business: it is no decommission. */
    @Override
    List<Violation> check(ClusterChange change, Parameters parameters) {
        return change.decommissions().stream()
                .flatMap(decommission -> judge(change, decommission, parameters).stream())
                .toList();
    }

    private static List<Violation> judge(ClusterChange change, ClusterChange.Decommission decommission, Parameters parameters) {
        String dc = decommission.datacenter().name();
        String what = decommission.what();
        LiveReading live = change.liveReading();
        if (!live.isKnown()) {
            String step = "; first remove " + dc + " from every keyspace's replication";
            return List.of(parameters.requireLiveState
                    ? Violation.refuse(what + " while the replication of its keyspaces is unknown (" + live.unknownReason()
                    + ") and requireLiveState is set" + step)
                    : Violation.warn(what + step + live.fallbackNote()));
        }
        CassandraReading reading = live.reading().orElseThrow();
        List<Keyspace> keyspaces = reading.keyspacesReplicatingTo(dc, change.ignoredKeyspaces());
        if (keyspaces.isEmpty()) {
            return List.of();
        }
        String names = keyspaces.stream().map(Keyspace::name).collect(Collectors.joining(", "));
        String steps = keyspaces.stream()
                .map(keyspace -> reading.releaseStatement(keyspace, dc)
                        .orElse("keyspace " + keyspace.name() + " has replicas only in " + dc
                                + ": replicate it to another datacenter (or drop it) first"))
                .collect(Collectors.joining(" "));
        return List.of(Violation.refuse(what + ", but " + (keyspaces.size() == 1 ? "keyspace " : "keyspaces ") + names
                + " still " + (keyspaces.size() == 1 ? "replicates" : "replicate") + " to " + dc + " (" + live.ageText()
                + "); release it first: " + steps + " Then run nodetool repair on the other datacenters and retry"));
    }
}
