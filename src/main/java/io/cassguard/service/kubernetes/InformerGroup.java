package io.cassguard.service.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import org.jboss.logging.Logger;

import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The informers of one kind: one for all namespaces, or one per watched namespace. Reads go to their caches only.
 * Informers retry forever, so that a flaky API server at start or later never stops them; a kind the API server
 * does not serve (its CRD is not installed, HTTP 404) is reported as such instead of holding readiness down.
 */
final class InformerGroup<T extends HasMetadata> {

    private static final Logger LOG = Logger.getLogger(InformerGroup.class);

    private final String kind;
    private final List<SharedIndexInformer<T>> informers;
    private volatile boolean notServed;

    /**
     * @param sources  one unstarted informer per namespace, or a single one for all namespaces
     * @param kept     what the cache keeps of each object ({@link CachedForms}); the indexers and the handler see the
     *                 object as it came, and must find the same in what is kept
     * @param indexers extra cache indexes, computed by the informer as objects arrive
     */
    InformerGroup(String kind, List<SharedIndexInformer<T>> sources, UnaryOperator<T> kept,
                  Map<String, Function<T, List<String>>> indexers, ResourceEventHandler<T> handler) {
        this.kind = kind;
        this.informers = sources;
        for (SharedIndexInformer<T> informer : informers) {
            informer.itemStore(CachedForms.store(kept));
            informer.addIndexers(indexers);
            informer.addEventHandler(handler);
            informer.exceptionHandler(this::retryAfter);
        }
    }

    void start() {
        informers.forEach(informer -> informer.start().thenRun(() -> {
            notServed = false;
            LOG.debugf("%s cache synced", kind);
        }));
    }

    void stop() {
        informers.forEach(SharedIndexInformer::stop);
    }

    String kind() {
        return kind;
    }

    /** Every informer has listed its objects once. */
    boolean synced() {
        return informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    /** Ready for admission: synced, or the kind does not exist in this cluster (nothing of it can be admitted). */
    boolean ready() {
        return synced() || notServed;
    }

    boolean notServed() {
        return notServed && !synced();
    }

    /** Every informer is watching now: the cache follows the API server. */
    boolean watching() {
        return informers.stream().allMatch(SharedIndexInformer::isWatching);
    }

    Optional<T> get(String namespace, String name) {
        String key = Cache.namespaceKeyFunc(namespace, name);
        return informers.stream().map(informer -> informer.getStore().getByKey(key)).filter(Objects::nonNull).findFirst();
    }

    List<T> byIndex(String index, String key) {
        return informers.stream().flatMap(informer -> informer.getIndexer().byIndex(index, key).stream()).toList();
    }

    List<T> list() {
        return informers.stream().flatMap(informer -> informer.getStore().list().stream()).toList();
    }

    private boolean retryAfter(boolean started, Throwable problem) {
        // the informer may hand the failure over wrapped (CompletionException)
        if (ApiServerErrors.httpStatus(problem) == HttpURLConnection.HTTP_NOT_FOUND) {
            if (!notServed) {
                LOG.warnf("the API server does not serve %s (is its CRD installed?); retrying", kind);
            }
            notServed = true;
        } else {
            LOG.warnf("%s informer: %s; retrying", kind, ApiServerErrors.brief(problem));
        }
        return true;
    }
}
