package io.cassguard.engine.cluster;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.CustomResource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the controller's caches keep of an object: what recognition, the rules, the seeds mutation, the background
 * checks, {@code GET /clusters} and the CQL discovery read, and no more, so that memory stays flat as clusters
 * grow. A cluster may hold thousands of StatefulSets that are not Cassandra, each with its managedFields and
 * {@code kubectl apply}'s copy of itself in an annotation: typically several times what is read.
 *
 * <p>Kept objects are new objects: the one given is not changed (the informer hands it to its indexers and event
 * handlers as it came from the API server).
 */
public final class CachedObjects {

    /** {@code kubectl apply}'s copy of the whole object as last applied; no rule reads it. */
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private CachedObjects() {
    }

    /**
     * A Cassandra StatefulSet is kept whole but for its bookkeeping: the background checks judge it with every rule
     * as if it were created as it is (any part of its spec may matter), and its status says whether its rack is
     * healthy.
     *
     * <p>A StatefulSet that is not Cassandra is kept as its name only. Every reader of the cache but one takes the
     * Cassandra StatefulSets only; that one, for a {@code Scale}, asks whether the StatefulSet it names is known and
     * is Cassandra's, so that the Scale's selector is not taken for it. Recognition ({@link
     * CassandraStatefulSets#isCassandra}) has judged the whole object here; what is kept must still not pass for
     * Cassandra, which an object without labels or containers cannot. Should the StatefulSet become a Cassandra
     * one, its update brings the whole object again.
     */
    public static StatefulSet statefulSet(StatefulSet statefulSet) {
        if (CassandraStatefulSets.isCassandra(statefulSet)) {
            return new StatefulSet(statefulSet.getApiVersion(), statefulSet.getKind(), metadata(statefulSet.getMetadata()),
                    statefulSet.getSpec(), statefulSet.getStatus());
        }
        ObjectMeta metadata = statefulSet.getMetadata();
        StatefulSet name = new StatefulSet();
        name.setMetadata(new ObjectMetaBuilder()
                // the cache's key
                .withNamespace(metadata.getNamespace()).withName(metadata.getName())
                // the informer tells an update from a resync, and a stale index entry from a current one, by it
                .withResourceVersion(metadata.getResourceVersion())
                .build());
        return name;
    }

    /**
     * An operator's resource (a CassandraCluster, CassandraDatacenter or K8ssandraCluster) keeps all it has but its
     * bookkeeping: its class already reads only what the rules know of the operator's spec, and the background
     * checks judge all of it.
     *
     * @param empty a new object of the same kind, to fill
     */
    public static <S, T, R extends CustomResource<S, T>> R operatorResource(R resource, Supplier<R> empty) {
        R kept = empty.get();
        kept.setApiVersion(resource.getApiVersion());
        kept.setMetadata(metadata(resource.getMetadata()));
        kept.setSpec(resource.getSpec());
        kept.setStatus(resource.getStatus());
        return kept;
    }

    /**
     * The metadata without what only the API server and {@code kubectl apply} read: managedFields (who set which
     * field) and the last applied configuration. Everything else stays: labels select policies, annotations carry
     * overrides, the CQL contact points and Secret, ownerReferences tell operator-owned racks, the generation tells
     * whether the StatefulSet controller has seen the last change, the uid names the object in PolicyReports.
     */
    public static ObjectMeta metadata(ObjectMeta metadata) {
        if (metadata == null) {
            return null;
        }
        ObjectMetaBuilder kept = new ObjectMetaBuilder(metadata).withManagedFields((List<ManagedFieldsEntry>) null);
        Map<String, String> annotations = metadata.getAnnotations();
        if (annotations != null && annotations.containsKey(LAST_APPLIED)) {
            Map<String, String> others = new LinkedHashMap<>(annotations);
            others.remove(LAST_APPLIED);
            kept.withAnnotations(others.isEmpty() ? null : others);
        }
        return kept.build();
    }
}
