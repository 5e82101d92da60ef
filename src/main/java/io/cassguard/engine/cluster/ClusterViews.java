package io.cassguard.engine.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads each guarded kind into the one {@link ClusterView} the rules judge: one reader per operator's language
 * ({@link CassKopViews}, {@link StatefulSetViews}, {@link CassandraDatacenterViews}, {@link K8ssandraClusterViews}),
 * and what they share.
 */
public final class ClusterViews {

    private ClusterViews() {
    }

    /**
     * The view of one side of a change, or null when that side is absent (CREATE has no old object).
     *
     * @param namespace the request's namespace, which the object itself may leave out
     */
    public static ClusterView of(HasMetadata object, String namespace, LiveState liveState) {
        if (object == null) {
            return null;
        }
        if (object instanceof CassandraCluster cluster) {
            return CassKopViews.of(cluster, namespace);
        }
        if (object instanceof CassandraDatacenter datacenter) {
            return CassandraDatacenterViews.of(datacenter, namespace);
        }
        if (object instanceof K8ssandraCluster cluster) {
            return K8ssandraClusterViews.of(cluster, namespace);
        }
        if (object instanceof StatefulSet statefulSet) {
            return StatefulSetViews.of(statefulSet, namespace, liveState);
        }
        if (object instanceof Scale scale) {
            return StatefulSetViews.of(scale, namespace, liveState);
        }
        throw new IllegalArgumentException("no cluster view of " + object.getKind());
    }

    /** The extra volumes that claim storage, of a list the user writes as {@code field}. */
    static List<DatacenterView.ExtraVolume> claimed(String field, List<ExtraVolumeClaim> declared) {
        return declared == null ? List.of() : declared.stream().filter(Objects::nonNull)
                .filter(volume -> volume.name != null && volume.pvcSpec != null)
                .map(volume -> new DatacenterView.ExtraVolume(field, volume.name, storage(volume.pvcSpec),
                        volume.pvcSpec == null ? null : volume.pvcSpec.getStorageClassName()))
                .toList();
    }

    /** The storage a claim requests, as written ({@code 100Gi}), or null. */
    static String storage(PersistentVolumeClaimSpec claim) {
        Quantity storage = claim == null || claim.getResources() == null || claim.getResources().getRequests() == null
                ? null : claim.getResources().getRequests().get("storage");
        return storage == null ? null : storage.toString();
    }

    static Map<String, String> annotations(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }
}
