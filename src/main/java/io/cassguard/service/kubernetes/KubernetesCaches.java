package io.cassguard.service.kubernetes;

import io.cassguard.service.config.CassguardConfig;
import io.cassguard.engine.cluster.CachedObjects;
import io.cassguard.engine.cluster.CassandraCluster;
import io.cassguard.engine.cluster.CassandraDatacenter;
import io.cassguard.engine.cluster.K8ssandraCluster;
import io.cassguard.engine.cluster.CassandraStatefulSets;
import io.cassguard.engine.cluster.RackIdentity;
import io.cassguard.model.GuardrailPolicy;
import io.cassguard.model.Verdict;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The informer caches of the in-cluster mode (docs/architecture.md): CassandraClusters, StatefulSets and the denial Events of
 * cassguard's replicas, in all namespaces or in {@code cassguard.watch.namespaces}; GuardrailPolicies and Namespaces;
 * and cass-operator's CassandraDatacenters and k8ssandra-operator's K8ssandraClusters once the API server serves
 * them. Admission reads them and never calls the API server. In standalone mode nothing is started and no Kubernetes
 * client is ever created.
 *
 * <p>Many clusters run one Cassandra operator and not the other: the operators' kinds are looked up in the API
 * server's discovery at start and every {@code cassguard.watch.discovery-interval}, and their informers start only once
 * their CRD is installed. A kind that is not there is no error, and is not logged as one.
 *
 * <p>StatefulSets are listed without a label selector: a Cassandra StatefulSet may be recognised by its container
 * or image alone, which no selector can express. The cache keeps them all (a {@code Scale} must be told apart from a
 * non-Cassandra StatefulSet's); only Cassandra ones are indexed by datacenter and trigger {@link CacheChanged}.
 * Each cache keeps only what is read of its objects ({@link CachedObjects}, {@link CachedForms}): of a StatefulSet
 * that is not Cassandra, its name.
 */
@ApplicationScoped
public class KubernetesCaches {

    /** Label of cassguard's Events: the decision, so that the leader can watch the denials of every replica. */
    public static final String DECISION_LABEL = "cassguard.io/decision";

    public static final ResourceDefinitionContext GUARDRAIL_POLICIES = ResourceDefinitionContext.fromResourceType(GuardrailPolicy.class);
    private static final Logger LOG = Logger.getLogger(KubernetesCaches.class);
    private static final String BY_DATACENTER = "datacenter";
    /**
     * StatefulSets and CassandraClusters per page of an informer's list (at start and at every relist): a whole list of
     * 10,000 StatefulSets is about 80 MB of JSON, read into objects in one piece before the cache slims any of them,
     * more than the heap of jvm.options. The API server then answers the list from etcd rather than its watch cache.
     */
    private static final long LIST_PAGE = 500;

    private final ClusterMode mode;
    private final Instance<KubernetesClient> clients;
    private final Optional<List<String>> namespaces;
    private final Event<CacheChanged> changed;

    private InformerGroup<CassandraCluster> cassandraClusters;
    private InformerGroup<StatefulSet> statefulSets;
    private InformerGroup<GenericKubernetesResource> policies;
    private InformerGroup<Namespace> namespaceObjects;
    private InformerGroup<io.fabric8.kubernetes.api.model.Event> denialEvents;
    /** Null until discovery finds the CRD installed. */
    private volatile InformerGroup<CassandraDatacenter> cassandraDatacenters;
    private volatile InformerGroup<K8ssandraCluster> k8ssandraClusters;
    private volatile boolean started;
    /** Discovery has answered once: readiness waits for it, so that a served kind is cached before admission. */
    private volatile boolean discovered;

    public KubernetesCaches(ClusterMode mode, Instance<KubernetesClient> clients,
                            CassguardConfig config,
                            Event<CacheChanged> changed) {
        this.mode = mode;
        this.clients = clients;
        this.namespaces = config.watch().namespaces().filter(list -> !list.isEmpty());
        this.changed = changed;
    }

    void start(@Observes StartupEvent event) {
        if (!mode.inCluster()) {
            return;
        }
        KubernetesClient client = clients.get();
        cassandraClusters = new InformerGroup<>("CassandraCluster",
                perNamespace(ns -> client.resources(CassandraCluster.class).inNamespace(ns).withLimit(LIST_PAGE).runnableInformer(0),
                        () -> client.resources(CassandraCluster.class).inAnyNamespace().withLimit(LIST_PAGE).runnableInformer(0)),
                cluster -> CachedObjects.operatorResource(cluster, CassandraCluster::new), Map.of(),
                handler(CacheChanged.Kind.CASSANDRA_CLUSTER, cluster -> true));
        statefulSets = new InformerGroup<>("StatefulSet",
                perNamespace(ns -> client.apps().statefulSets().inNamespace(ns).withLimit(LIST_PAGE).runnableInformer(0),
                        () -> client.apps().statefulSets().inAnyNamespace().withLimit(LIST_PAGE).runnableInformer(0)),
                CachedObjects::statefulSet, Map.of(BY_DATACENTER, KubernetesCaches::datacenterKeys),
                handler(CacheChanged.Kind.STATEFULSET, CassandraStatefulSets::isCassandra));
        policies = new InformerGroup<>("GuardrailPolicy",
                List.of(client.genericKubernetesResources(GUARDRAIL_POLICIES).runnableInformer(0)),
                // kept whole: few, and their status is written back from the cached object
                UnaryOperator.identity(), Map.of(), handler(CacheChanged.Kind.GUARDRAIL_POLICY, policy -> true));
        // Cluster-wide even with a namespace list: namespaces are few, and one informer is simpler than many.
        namespaceObjects = new InformerGroup<>("Namespace", List.of(client.namespaces().runnableInformer(0)),
                CachedForms::namespace, Map.of(), handler(CacheChanged.Kind.NAMESPACE, namespace -> true));
        // The denials of every replica reach the leader as the Events they create (for the PolicyReports).
        denialEvents = new InformerGroup<>("Event",
                perNamespace(ns -> client.v1().events().inNamespace(ns)
                                .withLabel(DECISION_LABEL, Verdict.DENIED.label()).runnableInformer(0),
                        () -> client.v1().events().inAnyNamespace()
                                .withLabel(DECISION_LABEL, Verdict.DENIED.label()).runnableInformer(0)),
                CachedForms::denialEvent, Map.of(), handler(CacheChanged.Kind.DENIAL_EVENT, denial -> true));
        // started before the informers: their first events must already find the caches readable
        started = true;
        groups().forEach(InformerGroup::start);
        // the first discovery at once, beside the start, not after a first interval
        CompletableFuture.runAsync(this::discover);
        LOG.infof("watching CassandraClusters, StatefulSets and cassguard's denial Events in %s, GuardrailPolicies and Namespaces",
                namespaces.map(list -> "namespaces " + list).orElse("all namespaces"));
    }

    void stop(@Observes ShutdownEvent event) {
        if (started) {
            groups().forEach(InformerGroup::stop);
        }
    }

    /**
     * Starts the informers of the operators' kinds the API server has come to serve. Off the admission path; a
     * discovery that fails (the API server is away) is tried again the next time.
     */
    @Scheduled(every = "${cassguard.watch.discovery-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void discover() {
        if (!started) {
            return;
        }
        KubernetesClient client = clients.get();
        try {
            if (cassandraDatacenters == null && client.supports(CassandraDatacenter.class)) {
                cassandraDatacenters = operatorResources(client, CassandraDatacenter.class, CassandraDatacenter::new,
                        CacheChanged.Kind.CASSANDRA_DATACENTER);
            }
            if (k8ssandraClusters == null && client.supports(K8ssandraCluster.class)) {
                k8ssandraClusters = operatorResources(client, K8ssandraCluster.class, K8ssandraCluster::new,
                        CacheChanged.Kind.K8SSANDRA_CLUSTER);
            }
            discovered = true;
        } catch (RuntimeException e) {
            LOG.debugf("discovery of the operators' kinds: %s; trying again later", ApiServerErrors.brief(e));
        }
    }

    private <S, T, R extends CustomResource<S, T>> InformerGroup<R> operatorResources(
            KubernetesClient client, Class<R> type, Supplier<R> empty, CacheChanged.Kind kind) {
        InformerGroup<R> group = new InformerGroup<>(HasMetadata.getKind(type),
                perNamespace(ns -> client.resources(type).inNamespace(ns).withLimit(LIST_PAGE).runnableInformer(0),
                        () -> client.resources(type).inAnyNamespace().withLimit(LIST_PAGE).runnableInformer(0)),
                resource -> CachedObjects.operatorResource(resource, empty), Map.of(), handler(kind, resource -> true));
        group.start();
        LOG.infof("watching %ss: the API server serves them", group.kind());
        return group;
    }

    public boolean started() {
        return started;
    }

    /** Discovery has answered and every cache has synced once (or its kind is not served by this cluster). */
    public boolean ready() {
        return started && discovered && groups().allMatch(InformerGroup::ready);
    }

    /**
     * The caches of the guarded clusters follow the API server right now: synced and their watches open. Only
     * StatefulSets and the operators' resources count: a reconnecting watch of Events or Namespaces says nothing about them.
     */
    public boolean current() {
        return ready() && Stream.of(cassandraClusters, statefulSets, cassandraDatacenters, k8ssandraClusters)
                .filter(Objects::nonNull).filter(group -> !group.notServed()).allMatch(InformerGroup::watching);
    }

    /** What readiness waits for, and the kinds this cluster does not serve, for the health check. */
    public Map<String, String> cacheStates() {
        Map<String, String> states = new LinkedHashMap<>();
        if (started) {
            groups().forEach(group -> states.put(group.kind(),
                    group.synced() ? (group.watching() ? "synced" : "synced, watch reconnecting")
                            : group.notServed() ? "not served by the API server (CRD not installed?)" : "not synced yet"));
        }
        return states;
    }

    public Optional<StatefulSet> statefulSet(String namespace, String name) {
        return started ? statefulSets.get(namespace, name) : Optional.empty();
    }

    public List<StatefulSet> cassandraStatefulSets() {
        return started ? statefulSets.list().stream().filter(CassandraStatefulSets::isCassandra).toList() : List.of();
    }

    /** From the informers' namespace index: admission asks this, and a cluster may hold many StatefulSets. */
    public List<StatefulSet> cassandraStatefulSets(String namespace) {
        return started ? statefulSets.byIndex(Cache.NAMESPACE_INDEX, namespace).stream()
                .filter(CassandraStatefulSets::isCassandra).toList() : List.of();
    }

    /** The rack StatefulSets of one datacenter of one cluster, from the datacenter index. */
    public List<StatefulSet> racks(String namespace, String cluster, String datacenter) {
        return started ? statefulSets.byIndex(BY_DATACENTER, datacenterKey(namespace, cluster, datacenter)) : List.of();
    }

    public Optional<CassandraCluster> cassandraCluster(String namespace, String name) {
        return started ? cassandraClusters.get(namespace, name) : Optional.empty();
    }

    public List<CassandraCluster> cassandraClusters() {
        return started ? cassandraClusters.list() : List.of();
    }

    /** cass-operator's datacenters, once its CRD is installed. */
    public List<CassandraDatacenter> cassandraDatacenters() {
        InformerGroup<CassandraDatacenter> group = cassandraDatacenters;
        return started && group != null ? group.list() : List.of();
    }

    public Optional<CassandraDatacenter> cassandraDatacenter(String namespace, String name) {
        InformerGroup<CassandraDatacenter> group = cassandraDatacenters;
        return started && group != null ? group.get(namespace, name) : Optional.empty();
    }

    /** k8ssandra-operator's clusters, once its CRD is installed. */
    public List<K8ssandraCluster> k8ssandraClusters() {
        InformerGroup<K8ssandraCluster> group = k8ssandraClusters;
        return started && group != null ? group.list() : List.of();
    }

    public List<GenericKubernetesResource> guardrailPolicies() {
        return started ? policies.list() : List.of();
    }

    public Optional<Map<String, String>> namespaceLabels(String namespace) {
        return started ? namespaceObjects.get(null, namespace).map(ns -> ns.getMetadata().getLabels() == null
                ? Map.<String, String>of() : ns.getMetadata().getLabels()) : Optional.empty();
    }

    /** The Events of denials, written by every replica. */
    public List<io.fabric8.kubernetes.api.model.Event> denialEvents() {
        return started ? denialEvents.list() : List.of();
    }

    /** The namespace is being deleted: the API server creates nothing more in it. */
    public boolean terminating(String namespace) {
        return started && namespaceObjects.get(null, namespace)
                .map(ns -> ns.getStatus() != null && "Terminating".equals(ns.getStatus().getPhase())).orElse(false);
    }

    /** The informers running: the operators' kinds once discovered. */
    private Stream<InformerGroup<?>> groups() {
        return Stream.of(cassandraClusters, statefulSets, policies, namespaceObjects, denialEvents, cassandraDatacenters,
                k8ssandraClusters).filter(Objects::nonNull);
    }

    private <T extends HasMetadata> List<SharedIndexInformer<T>> perNamespace(
            Function<String, SharedIndexInformer<T>> inNamespace, Supplier<SharedIndexInformer<T>> everywhere) {
        return namespaces.map(list -> list.stream().map(inNamespace).toList()).orElseGet(() -> List.of(everywhere.get()));
    }

    /** Fires {@link CacheChanged} for the objects that matter; for an update, when either version matters. */
    private <T extends HasMetadata> ResourceEventHandler<T> handler(CacheChanged.Kind kind, Predicate<T> matters) {
        CacheChanged event = new CacheChanged(kind);
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                if (matters.test(object)) {
                    changed.fire(event);
                }
            }

            @Override
            public void onUpdate(T before, T after) {
                if (matters.test(before) || matters.test(after)) {
                    changed.fire(event);
                }
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                if (matters.test(object)) {
                    changed.fire(event);
                }
            }
        };
    }

    static List<String> datacenterKeys(StatefulSet statefulSet) {
        if (!CassandraStatefulSets.isCassandra(statefulSet)) {
            return List.of();
        }
        RackIdentity rack = RackIdentity.of(statefulSet);
        return List.of(datacenterKey(rack.namespace(), rack.cluster(), rack.datacenter()));
    }

    static String datacenterKey(String namespace, String cluster, String datacenter) {
        return namespace + "/" + cluster + "/" + datacenter;
    }
}
