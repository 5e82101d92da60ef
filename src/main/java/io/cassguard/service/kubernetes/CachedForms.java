package io.cassguard.service.kubernetes;

import io.cassguard.engine.cluster.CachedObjects;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;

import java.util.function.UnaryOperator;

/**
 * What the informer caches keep of each object (the StatefulSets and CassandraClusters as {@link CachedObjects} says),
 * and the item store that keeps it. fabric8's informers have no transform: an {@link ItemStore} is where an object can
 * be replaced before it is cached. The informer still hands the object as it came to its indexers and event handlers;
 * what it keeps, lists and hands over as the old object of an update is what the store returns.
 */
final class CachedForms {

    private CachedForms() {
    }

    /** A store keyed like the informer's default one ({@code namespace/name}) that keeps {@code kept} of each object. */
    static <T extends HasMetadata> ItemStore<T> store(UnaryOperator<T> kept) {
        return new BasicItemStore<>(Cache::metaNamespaceKeyFunc) {
            @Override
            public T put(String key, T object) {
                return super.put(key, kept.apply(object));
            }
        };
    }

    /**
     * A Namespace keeps its labels, which select policies, and its phase, which tells a namespace being deleted
     * (PolicyReports are not written there); its name and resourceVersion are the cache's key and the informer's.
     */
    static Namespace namespace(Namespace namespace) {
        Namespace kept = new Namespace();
        kept.setMetadata(new ObjectMetaBuilder().withName(namespace.getMetadata().getName())
                .withResourceVersion(namespace.getMetadata().getResourceVersion())
                .withLabels(namespace.getMetadata().getLabels()).build());
        if (namespace.getStatus() != null) {
            kept.setStatus(new NamespaceStatus(null, namespace.getStatus().getPhase()));
        }
        return kept;
    }

    /**
     * A denial Event keeps what the PolicyReports read (RecentDenials): its metadata, whose annotations carry the
     * audit record and the refused rules, and the object it is about. Its message, which repeats the record for
     * {@code kubectl get events}, its source and its timestamps are left out.
     */
    static Event denialEvent(Event event) {
        Event kept = new Event();
        kept.setMetadata(CachedObjects.metadata(event.getMetadata()));
        kept.setInvolvedObject(event.getInvolvedObject());
        return kept;
    }
}
