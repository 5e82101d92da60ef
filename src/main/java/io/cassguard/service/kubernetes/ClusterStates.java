package io.cassguard.service.kubernetes;

import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.cluster.CassandraCluster;
import io.cassguard.engine.cluster.CassandraDatacenter;
import io.cassguard.engine.cluster.CassandraStatefulSets;
import io.cassguard.engine.cluster.RackIdentity;
import io.cassguard.engine.cluster.StatefulSetStatuses;
import io.cassguard.engine.cluster.DeclaredVersion;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the {@link ClusterState} of a datacenter from its rack StatefulSets and its operator's status: a rack is in
 * progress while its StatefulSet rolls out or scales, while CassKop reports an action {@code Ongoing}/{@code ToDo} on
 * it or a cluster phase other than {@code Running}, or, for a rack cass-operator made, while its CassandraDatacenter is
 * not Ready or has work under way.
 */
final class ClusterStates {


    private ClusterStates() {
    }

    /** @param cassandraDatacenter the CassandraDatacenter whose {@code metadata.name} is the datacenter, if any */
    static ClusterState of(String namespace, String cluster, String datacenter, List<StatefulSet> racks,
                           Optional<CassandraCluster> cassandraCluster, Optional<CassandraDatacenter> cassandraDatacenter) {
        Optional<CassandraCluster.Status> status = cassandraCluster.map(CassandraCluster::getStatus);
        boolean datacenterBusy = cassandraDatacenter.map(CassandraDatacenter::getStatus)
                .map(dcStatus -> !dcStatus.unsettled().isEmpty()).orElse(false);
        List<ClusterState.RackState> states = racks.stream()
                .sorted(Comparator.comparing(sts -> sts.getMetadata().getName()))
                .map(sts -> rack(sts, datacenter, status, datacenterBusy && CassandraStatefulSets.madeByCassOperator(sts)))
                .toList();
        return new ClusterState(namespace, cluster, datacenter, states);
    }

    private static ClusterState.RackState rack(StatefulSet statefulSet, String datacenter,
                                               Optional<CassandraCluster.Status> operatorStatus, boolean cassOperatorBusy) {
        int desired = StatefulSetStatuses.replicas(statefulSet);
        List<String> versions = CassandraStatefulSets.cassandraContainer(statefulSet)
                .map(container -> List.of(version(container.getImage()))).orElse(List.of());
        String rackLabel = statefulSet.getMetadata().getLabels() == null ? null
                : statefulSet.getMetadata().getLabels().get(RackIdentity.RACK_LABEL);
        // CassKop keys its rack status <dc>-<rack>
        boolean operatorBusy = cassOperatorBusy
                || rackLabel != null && operatorStatus.map(s -> busy(s, datacenter + "-" + rackLabel)).orElse(false);
        // no status yet: the StatefulSet controller has not even started on the pods
        boolean controllerBusy = statefulSet.getStatus() == null ? desired > 0 : !StatefulSetStatuses.unfinished(statefulSet).isEmpty();
        return new ClusterState.RackState(statefulSet.getMetadata().getName(), desired,
                StatefulSetStatuses.readyReplicas(statefulSet), versions, controllerBusy || operatorBusy);
    }

    private static boolean busy(CassandraCluster.Status status, String rackKey) {
        if (status.phase != null && !"Running".equals(status.phase)) {
            return true;
        }
        Map<String, CassandraCluster.RackStatus> racks = status.cassandraRackStatus == null ? Map.of() : status.cassandraRackStatus;
        CassandraCluster.RackStatus rack = racks.get(rackKey);
        return rack != null && rack.cassandraLastAction != null && rack.cassandraLastAction.busy();
    }

    /** The Cassandra version an image runs, or the image itself when it does not pin one. */
    private static String version(String image) {
        DeclaredVersion declared = DeclaredVersion.of(null, image);
        return declared.isPinned() ? declared.version().toString() : String.valueOf(image);
    }
}
