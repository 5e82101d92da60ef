package io.cassguard.service.cassandra;

import io.cassguard.engine.cluster.Annotations;
import io.cassguard.engine.cluster.CassOperatorNames;
import io.cassguard.engine.cluster.CassandraCluster;
import io.cassguard.engine.cluster.CassandraDatacenter;
import io.cassguard.engine.cluster.CassandraStatefulSets;
import io.cassguard.engine.cluster.K8ssandraCluster;
import io.cassguard.engine.cluster.RackIdentity;
import io.cassguard.engine.live.LiveReading;
import io.cassguard.engine.live.ReadingStatus;
import io.cassguard.engine.policy.CompiledPolicy;
import io.cassguard.engine.policy.PolicyStore;
import io.cassguard.service.config.CassguardConfig;
import io.cassguard.service.kubernetes.ApiServerErrors;
import io.cassguard.service.kubernetes.ClusterMode;
import io.cassguard.service.kubernetes.KubernetesCaches;
import io.cassguard.service.tls.TlsFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Which Cassandra clusters cassguard reads, and what the rules know of each (docs/live-state.md). In-cluster: every cluster
 * the caches know (a CassandraCluster, the CassandraDatacenters or the K8ssandraCluster of one cluster, or the
 * StatefulSets of one), at its annotated contact points or its Services on 9042, with the credentials of a Secret in
 * cassguard's own namespace. Standalone: the one cluster of
 * {@code cassguard.cassandra.contact-points}, if set. Admission only ever looks at the last reading.
 */
@Singleton
public class LiveCassandra {

    private static final Logger LOG = Logger.getLogger(LiveCassandra.class);
    /** The key of the one cluster read standalone, whatever it is called. */
    private static final ClusterKey STANDALONE = new ClusterKey("", "");

    private final CassguardConfig config;
    private final ClusterMode mode;
    private final Instance<KubernetesCaches> caches;
    private final Instance<KubernetesClient> clients;
    /** Lazily: the engine that owns the policies is itself given this live state. */
    private final Instance<PolicyStore> policies;
    private final CassandraReaders readers;
    private final Clock clock = Clock.systemUTC();
    /** Clusters that should be read but cannot be (e.g. their Secret is missing), with why. */
    private final Map<ClusterKey, String> problems = new ConcurrentHashMap<>();

    public LiveCassandra(CassguardConfig config, ClusterMode mode, Instance<KubernetesCaches> caches,
                         Instance<KubernetesClient> clients, Instance<PolicyStore> policies, MeterRegistry meters) {
        this.config = config;
        this.mode = mode;
        this.caches = caches;
        this.clients = clients;
        this.policies = policies;
        this.readers = new CassandraReaders(config.cassandra().refreshInterval(), meters, clock);
    }

    void start(@Observes StartupEvent event) {
        if (!mode.inCluster()) {
            config.cassandra().contactPoints().filter(points -> !points.isEmpty()).ifPresent(points -> {
                LOG.infof("reading the Cassandra cluster at %s", points);
                readers.update(Map.of(STANDALONE, CassandraTarget.plain(points, null)));
            });
        }
    }

    void stop(@Observes ShutdownEvent event) {
        readers.close();
    }

    /** In-cluster: the clusters to read follow the caches (and their Secrets), checked every few seconds. */
    @Scheduled(every = "10s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void followCaches() {
        if (mode.inCluster() && caches.get().ready()) {
            readers.update(wanted());
        }
    }

    /** What the rules know of a cluster now: never waits for CQL. */
    public LiveReading reading(String namespace, String cluster) {
        if (!mode.inCluster()) {
            return readers.status(STANDALONE)
                    .map(status -> status.lastReading().isEmpty() || status.lastReading().get().clusterName().equals(cluster)
                            ? LiveReading.of(status, config.cassandra().maxAge(), clock.instant()) : LiveReading.NOT_READ)
                    .orElse(LiveReading.NOT_READ);
        }
        ClusterKey key = new ClusterKey(namespace, cluster);
        Optional<ReadingStatus> status = readers.status(key);
        if (status.isPresent()) {
            return LiveReading.of(status.get(), config.cassandra().maxAge(), clock.instant());
        }
        String problem = problems.get(key);
        return problem != null ? LiveReading.unknown(problem) : LiveReading.unknown("cassguard has not started reading it yet");
    }

    /** Every cluster read and where its reading stands, for {@code GET /clusters}. */
    public Map<ClusterKey, ReadingStatus> statuses() {
        return readers.statuses();
    }

    /** Clusters that should be read but cannot be, and why. */
    public Map<ClusterKey, String> problems() {
        return Map.copyOf(problems);
    }

    private Map<ClusterKey, CassandraTarget> wanted() {
        KubernetesCaches cache = caches.get();
        Map<ClusterKey, HasMetadata> clusters = new LinkedHashMap<>();
        Map<ClusterKey, List<String>> contactPoints = new LinkedHashMap<>();
        for (CassandraCluster cluster : cache.cassandraClusters()) {
            String namespace = cluster.getMetadata().getNamespace();
            String name = cluster.getMetadata().getName();
            ClusterKey key = new ClusterKey(namespace, name);
            clusters.put(key, cluster);
            contactPoints.put(key, annotated(cluster).orElse(List.of(name + "." + namespace + ":" + CassandraTarget.DEFAULT_PORT)));
        }
        for (CassandraDatacenter datacenter : sorted(cache.cassandraDatacenters())) {
            addOperatorCluster(clusters, contactPoints, datacenter, datacenter.getSpec() == null ? null
                    : datacenter.getSpec().clusterName, List.of(datacenter.getMetadata().getName()));
        }
        for (K8ssandraCluster cluster : sorted(cache.k8ssandraClusters())) {
            K8ssandraCluster.Cassandra cassandra = cluster.getSpec() == null ? null : cluster.getSpec().cassandra;
            String clusterName = cassandra == null || cassandra.clusterName == null || cassandra.clusterName.isBlank()
                    ? cluster.getMetadata().getName() : cassandra.clusterName;
            List<String> datacenters = cassandra == null ? List.of() : cassandra.datacenters.stream()
                    .filter(dc -> dc != null && dc.metadata != null && dc.metadata.name != null)
                    .map(dc -> dc.metadata.name).toList();
            addOperatorCluster(clusters, contactPoints, cluster, clusterName, datacenters);
        }
        cache.cassandraStatefulSets().stream()
                // cass-operator's racks are read through their CassandraDatacenter, under Cassandra's own cluster name
                .filter(set -> !CassandraStatefulSets.madeByCassOperator(set))
                .sorted(Comparator.comparing((StatefulSet set) -> set.getMetadata().getNamespace())
                        .thenComparing(set -> set.getMetadata().getName()))
                .forEach(set -> {
                    ClusterKey key = new ClusterKey(set.getMetadata().getNamespace(), RackIdentity.of(set).cluster());
                    if (clusters.putIfAbsent(key, set) == null) {
                        contactPoints.put(key, annotated(set).orElseGet(() -> serviceOf(set)));
                    } else if (!(clusters.get(key) instanceof CustomResource)) {
                        annotated(set).ifPresent(points -> contactPoints.put(key, points));
                    }
                });
        Map<ClusterKey, CassandraTarget> wanted = new LinkedHashMap<>();
        Map<ClusterKey, String> unreadable = new LinkedHashMap<>();
        clusters.forEach((key, object) -> secretName(key, object).ifPresentOrElse(
                secret -> target(key, contactPoints.get(key), secret).ifPresentOrElse(
                        target -> wanted.put(key, target), () -> unreadable.put(key, "its Secret " + secret
                                + " cannot be read in cassguard's namespace (keys username and password, optional ca.crt,"
                                + " tls.crt, tls.key)")),
                () -> wanted.put(key, CassandraTarget.plain(contactPoints.get(key), key.cluster()))));
        unreadable.forEach((key, problem) -> {
            if (!problem.equals(problems.get(key))) {
                LOG.warnf("Cassandra cluster %s is not read: %s", key, problem);
            }
        });
        problems.keySet().retainAll(unreadable.keySet());
        problems.putAll(unreadable);
        return wanted;
    }

    /**
     * A cluster of cass-operator's datacenters, read through the Service of each ({@code <cluster>-<dc>-service},
     * every node ready for CQL behind it) unless the object names its contact points: a cluster of several
     * CassandraDatacenters, or a K8ssandraCluster with several datacenters here, is reached through all of them.
     */
    private static void addOperatorCluster(Map<ClusterKey, HasMetadata> clusters, Map<ClusterKey, List<String>> contactPoints,
                                           HasMetadata object, String clusterName, List<String> datacenters) {
        if (clusterName == null || clusterName.isBlank()) {
            return;
        }
        String namespace = object.getMetadata().getNamespace();
        ClusterKey key = new ClusterKey(namespace, clusterName);
        List<String> points = annotated(object).orElseGet(() -> datacenters.stream()
                .map(dc -> CassOperatorNames.datacenterService(clusterName, dc) + "." + namespace + ":"
                        + CassandraTarget.DEFAULT_PORT).toList());
        clusters.putIfAbsent(key, object);
        contactPoints.merge(key, points, (known, more) -> Stream.concat(known.stream(), more.stream()).distinct().toList());
    }

    private static <T extends HasMetadata> List<T> sorted(List<T> objects) {
        return objects.stream().sorted(Comparator.comparing((T object) -> object.getMetadata().getNamespace())
                .thenComparing(object -> object.getMetadata().getName())).toList();
    }

    private static Optional<List<String>> annotated(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(Annotations.CQL_CONTACT_POINTS);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(value.split(",")).map(String::strip).filter(point -> !point.isEmpty()).toList());
    }

    private static List<String> serviceOf(StatefulSet set) {
        String service = set.getSpec() == null || set.getSpec().getServiceName() == null
                ? set.getMetadata().getName() : set.getSpec().getServiceName();
        return List.of(service + "." + set.getMetadata().getNamespace() + ":" + CassandraTarget.DEFAULT_PORT);
    }

    /** The Secret named on the object, else by the policy that governs it. */
    private Optional<String> secretName(ClusterKey key, HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        String annotated = annotations == null ? null : annotations.get(Annotations.CQL_SECRET);
        if (annotated != null && !annotated.isBlank()) {
            return Optional.of(annotated.strip());
        }
        Map<String, String> labels = object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
        return policies.get().select(key.namespace(), labels, caches.get().namespaceLabels(key.namespace()))
                .map(CompiledPolicy::spec).map(spec -> spec.cassandra.credentialsSecret)
                .filter(name -> name != null && !name.isBlank());
    }

    /** A target with the Secret's credentials and TLS material; empty when the Secret cannot be read. */
    private Optional<CassandraTarget> target(ClusterKey key, List<String> contactPoints, String secretName) {
        KubernetesClient client = clients.get();
        Secret secret;
        try {
            secret = client.secrets().inNamespace(client.getNamespace()).withName(secretName).get();
        } catch (RuntimeException e) {
            LOG.debugf("Secret %s: %s", secretName, ApiServerErrors.brief(e));
            return Optional.empty();
        }
        Map<String, String> data = secret == null || secret.getData() == null ? Map.of() : secret.getData();
        Optional<String> username = decoded(data, "username");
        Optional<String> password = decoded(data, "password");
        if (username.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<CassandraTarget.Tls> tls = decoded(data, TlsFiles.CA).map(ca ->
                    new CassandraTarget.Tls(ca, decoded(data, TlsFiles.CERTIFICATE), decoded(data, TlsFiles.KEY)));
            return Optional.of(new CassandraTarget(contactPoints, key.cluster(), Optional.empty(),
                    Optional.of(new CassandraTarget.Credentials(username.get(), password.get())), tls));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // tls.crt without tls.key, or the other way round
        }
    }

    private static Optional<String> decoded(Map<String, String> data, String key) {
        String value = data.get(key);
        return value == null ? Optional.empty() : Optional.of(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
    }
}
