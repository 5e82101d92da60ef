package io.cassguard.state;

import io.cassguard.guarded.CassandraCluster;
import io.cassguard.guarded.CassandraStatefulSets;
import io.cassguard.topology.DeclaredVersion;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the {@link ClusterState} of a datacenter from its rack StatefulSets and, for a CassKop cluster, the
 * CassandraCluster status: a rack is in progress while its StatefulSet rolls out or scales, or while CassKop reports
 * an action {@code Ongoing}/{@code ToDo} on it or a cluster phase other than {@code Running}.
 */
final class ClusterStates {

    /** CassKop labels each rack StatefulSet with its rack name; its status is keyed {@code <dc>-<rack>}. */
    static final String CASSKOP_RACK_LABEL = "cassandraclusters.db.orange.com.rack";
    private static final Set<String> BUSY_ACTIONS = Set.of("Ongoing", "ToDo");

    private ClusterStates() {
    }

    static ClusterState of(String namespace, String cluster, String datacenter, List<StatefulSet> racks,
                           Optional<CassandraCluster> cassandraCluster) {
        Optional<CassandraCluster.Status> status = cassandraCluster.map(CassandraCluster::getStatus);
        List<ClusterState.RackState> states = racks.stream()
                .sorted(Comparator.comparing(sts -> sts.getMetadata().getName()))
                .map(sts -> rack(sts, datacenter, status))
                .toList();
        return new ClusterState(namespace, cluster, datacenter, states);
    }

    private static ClusterState.RackState rack(StatefulSet statefulSet, String datacenter,
                                               Optional<CassandraCluster.Status> operatorStatus) {
        int desired = statefulSet.getSpec() == null || statefulSet.getSpec().getReplicas() == null
                ? 1 : statefulSet.getSpec().getReplicas();
        StatefulSetStatus status = statefulSet.getStatus();
        int ready = status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
        List<String> versions = CassandraStatefulSets.cassandraContainer(statefulSet)
                .map(container -> List.of(version(container.getImage()))).orElse(List.of());
        String rackLabel = statefulSet.getMetadata().getLabels() == null ? null
                : statefulSet.getMetadata().getLabels().get(CASSKOP_RACK_LABEL);
        boolean operatorBusy = rackLabel != null && operatorStatus.map(s -> busy(s, datacenter + "-" + rackLabel)).orElse(false);
        return new ClusterState.RackState(statefulSet.getMetadata().getName(), desired, ready, versions,
                rollingOrScaling(statefulSet, desired) || operatorBusy);
    }

    private static boolean rollingOrScaling(StatefulSet statefulSet, int desired) {
        StatefulSetStatus status = statefulSet.getStatus();
        if (status == null) {
            return desired > 0;
        }
        Long generation = statefulSet.getMetadata().getGeneration();
        boolean specNotSeenYet = generation != null && status.getObservedGeneration() != null
                && status.getObservedGeneration() < generation;
        boolean revisionsDiffer = status.getUpdateRevision() != null
                && !Objects.equals(status.getCurrentRevision(), status.getUpdateRevision());
        int pods = status.getReplicas() == null ? 0 : status.getReplicas();
        return specNotSeenYet || revisionsDiffer || pods != desired;
    }

    private static boolean busy(CassandraCluster.Status status, String rackKey) {
        if (status.phase != null && !"Running".equals(status.phase)) {
            return true;
        }
        Map<String, CassandraCluster.RackStatus> racks = status.cassandraRackStatus == null ? Map.of() : status.cassandraRackStatus;
        CassandraCluster.RackStatus rack = racks.get(rackKey);
        return rack != null && rack.cassandraLastAction != null && BUSY_ACTIONS.contains(rack.cassandraLastAction.status);
    }

    /** The Cassandra version an image runs, or the image itself when it does not pin one. */
    private static String version(String image) {
        DeclaredVersion declared = DeclaredVersion.of(null, image);
        return declared.isPinned() ? declared.version().toString() : String.valueOf(image);
    }
}
