package io.cassguard.service.controller;

import io.cassguard.engine.policy.CompiledPolicy;
import io.cassguard.engine.policy.PolicyStore;
import io.cassguard.service.kubernetes.KubernetesCaches;
import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The guarded objects in the caches (CassandraClusters, CassandraDatacenters, K8ssandraClusters and Cassandra
 * StatefulSets) and the policy of each.
 */
@ApplicationScoped
public class GuardedObjects {

    private static final Comparator<HasMetadata> ORDER = Comparator
            .comparing((HasMetadata object) -> object.getMetadata().getNamespace())
            .thenComparing(HasMetadata::getKind)
            .thenComparing(object -> object.getMetadata().getName());

    private final KubernetesCaches caches;
    private final PolicyStore policies;

    public GuardedObjects(KubernetesCaches caches, PolicyStore policies) {
        this.caches = caches;
        this.policies = policies;
    }

    /** Every guarded object, by namespace, kind and name. */
    public List<HasMetadata> all() {
        return Stream.of(caches.cassandraClusters(), caches.cassandraDatacenters(), caches.k8ssandraClusters(),
                        caches.cassandraStatefulSets())
                .flatMap(List::stream)
                .map(HasMetadata.class::cast)
                .sorted(ORDER)
                .toList();
    }

    /** The policy that decides for the object, as admission would select it. */
    public Optional<CompiledPolicy> policy(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        Map<String, String> labels = object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
        return policies.select(namespace, labels, caches.namespaceLabels(namespace));
    }
}
