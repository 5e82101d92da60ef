package io.cassguard.engine.cluster;

import io.cassguard.model.AdmissionRequest;
import io.cassguard.model.Operation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.Map;

/** An admission request for a guarded object, with the old and new object read into their kind's type. */
public record GuardedRequest(AdmissionRequest request, GuardedKind kind, HasMetadata oldObject, HasMetadata newObject) {

    public Operation operation() {
        return request.operation();
    }

    /** The object as it will be, or as it was for a DELETE. */
    public HasMetadata subject() {
        return newObject != null ? newObject : oldObject;
    }

    public <T extends HasMetadata> T oldAs(Class<T> type) {
        return type.cast(oldObject);
    }

    public <T extends HasMetadata> T newAs(Class<T> type) {
        return type.cast(newObject);
    }

    public Map<String, String> annotations() {
        HasMetadata subject = subject();
        return subject == null || subject.getMetadata() == null || subject.getMetadata().getAnnotations() == null
                ? Map.of() : subject.getMetadata().getAnnotations();
    }

    public Map<String, String> labels() {
        HasMetadata subject = subject();
        return subject == null || subject.getMetadata() == null || subject.getMetadata().getLabels() == null
                ? Map.of() : subject.getMetadata().getLabels();
    }

    /**
     * The object is written by an operator on behalf of a resource of its own, as it was or as it will be: a
     * StatefulSet with a controller ownerReference (for a Scale, as the live state knows its StatefulSet), a
     * CassandraDatacenter that k8ssandra-operator generated from a K8ssandraCluster. What the operator itself writes
     * there was judged on its resource.
     */
    public boolean operatorManaged(LiveState liveState) {
        return switch (kind) {
            case STATEFULSET_SCALE -> liveState.statefulSet(request.namespace(), request.name())
                    .map(CassandraStatefulSets::isControllerOwned).orElse(false);
            case STATEFULSET -> (oldObject instanceof StatefulSet before && CassandraStatefulSets.isControllerOwned(before))
                    || (newObject instanceof StatefulSet after && CassandraStatefulSets.isControllerOwned(after));
            case CASSANDRA_DATACENTER -> CassandraDatacenter.generatedByK8ssandra(oldObject)
                    || CassandraDatacenter.generatedByK8ssandra(newObject);
            default -> false;
        };
    }

    /** {@code namespace/name}, the way kubectl users name an object. */
    public String objectName() {
        String name = request.name().isEmpty() && subject() != null && subject().getMetadata() != null
                ? subject().getMetadata().getName() : request.name();
        return request.namespace().isEmpty() ? name : request.namespace() + "/" + name;
    }
}
