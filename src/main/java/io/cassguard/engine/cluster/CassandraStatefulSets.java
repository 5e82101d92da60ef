package io.cassguard.engine.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.Map;
import java.util.Optional;

/** Tells which StatefulSets run Cassandra (docs/kinds.md): by label, by container name, or by image name. */
public final class CassandraStatefulSets {

    public static final String CASSANDRA_CONTAINER = "cassandra";
    /** The metrics sidecar cassguard injects; its image ({@code cassandra_exporter}) must not pass for Cassandra's. */
    public static final String EXPORTER_CONTAINER = "cassandra-exporter";

    private CassandraStatefulSets() {
    }

    public static boolean isCassandra(StatefulSet statefulSet) {
        if (statefulSet == null) {
            return false;
        }
        if (statefulSet.getMetadata() != null && hasCassandraLabels(statefulSet.getMetadata().getLabels())) {
            return true;
        }
        return podSpec(statefulSet)
                .map(spec -> spec.getContainers().stream().anyMatch(CassandraStatefulSets::isCassandraContainer))
                .orElse(false);
    }

    /**
     * Controlled by an operator: a controller ownerReference (CassKop's CassandraCluster, cass-operator's
     * CassandraDatacenter, any other). The operator writes it as its own resource says.
     */
    public static boolean isControllerOwned(StatefulSet statefulSet) {
        return controller(statefulSet).isPresent();
    }

    /** The controller ownerReference: the resource whose operator writes the StatefulSet. */
    public static Optional<OwnerReference> controller(StatefulSet statefulSet) {
        if (statefulSet == null || statefulSet.getMetadata() == null || statefulSet.getMetadata().getOwnerReferences() == null) {
            return Optional.empty();
        }
        return statefulSet.getMetadata().getOwnerReferences().stream()
                .filter(owner -> owner != null && Boolean.TRUE.equals(owner.getController())).findFirst();
    }

    /**
     * A rack cass-operator makes for a CassandraDatacenter: it has its drain hook and anti-affinity from the operator,
     * and any change cassguard made to it the operator would undo.
     */
    public static boolean madeByCassOperator(StatefulSet statefulSet) {
        boolean labelled = statefulSet.getMetadata().getLabels() != null
                && "cass-operator".equals(statefulSet.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
        return labelled || controller(statefulSet).map(owner -> "CassandraDatacenter".equals(owner.getKind())).orElse(false);
    }

    /** The labels that mark a Cassandra workload; also used for the selector of a {@code Scale}. */
    public static boolean hasCassandraLabels(Map<String, String> labels) {
        if (labels == null) {
            return false;
        }
        String app = labels.get("app");
        return "cassandra".equals(labels.get("app.kubernetes.io/name"))
                || "cassandra".equals(app)
                || "cassandracluster".equals(app)
                // cass-operator's racks select their pods by these labels alone, so their Scale carries only them
                || labels.containsKey(RackIdentity.CASS_OPERATOR_CLUSTER_LABEL);
    }

    /**
     * The container that runs Cassandra: the one named {@code cassandra}, else the first with a Cassandra image
     * other than the exporter sidecar.
     */
    public static Optional<Container> cassandraContainer(StatefulSet statefulSet) {
        return podSpec(statefulSet).flatMap(spec -> spec.getContainers().stream()
                .filter(c -> CASSANDRA_CONTAINER.equals(c.getName()))
                .findFirst()
                .or(() -> spec.getContainers().stream()
                        .filter(c -> !EXPORTER_CONTAINER.equals(c.getName()) && hasCassandraImage(c))
                        .findFirst()));
    }

    public static Optional<PodSpec> podSpec(StatefulSet statefulSet) {
        if (statefulSet == null || statefulSet.getSpec() == null || statefulSet.getSpec().getTemplate() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(statefulSet.getSpec().getTemplate().getSpec());
    }

    private static boolean isCassandraContainer(Container container) {
        return CASSANDRA_CONTAINER.equals(container.getName()) || hasCassandraImage(container);
    }

    private static boolean hasCassandraImage(Container container) {
        return container.getImage() != null && ImageReference.parse(container.getImage()).name().contains("cassandra");
    }
}
