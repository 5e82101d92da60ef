package io.cassguard.service.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.engine.cluster.CachedObjects;
import io.cassguard.engine.cluster.CassandraCluster;
import io.cassguard.engine.cluster.CassandraStatefulSets;
import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.cluster.GuardedRequestReader;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.decision.Decision;
import io.cassguard.engine.decision.Engine;
import io.cassguard.engine.decision.MutationEngine;
import io.cassguard.engine.decision.RuleRunner;
import io.cassguard.service.controller.BackgroundChecks;
import io.cassguard.support.Corpus;
import io.cassguard.engine.fixtures.EngineFixtures;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The informer caches keep a slim form of each object ({@link CachedObjects}): this shows that no decision can tell it
 * from the whole object. The same admission requests are decided twice, once with the cluster state built from whole
 * objects (managedFields and kubectl's last-applied annotation included, as the API server serves them) and once from
 * what the caches keep of them, and every answer must be the same: verdict, rule ids, messages and warnings of a
 * validation, the patch of a mutation, the results of the background checks and the ClusterStates of
 * {@code GET /clusters}. The objects are the live fixtures of the engine and the in-cluster tests and the
 * StatefulSets and CassandraClusters of the corpus; the requests are every review fixture, and for every cached
 * object a scale-down by one and to zero (through the StatefulSet and through its Scale), a downgrade, a delete and
 * a new sibling rack.
 */
class SlimCacheDecidesAsWholeObjectsTest {

    private static final ObjectMapper MAPPER = Engine.objectMapper();
    /** The policy shipped: every rule and mutation at its default. */
    private static final Path POLICIES = Path.of("policies");

    private final State whole = State.of(liveObjects());
    private final State slim = whole.cached();

    @Test
    void validationsDecideAlike() {
        List<JsonNode> reviews = reviews();

        Map<String, String> fromWhole = validations(whole, reviews);
        Map<String, String> fromSlim = validations(slim, reviews);

        assertThat(fromWhole.values()).as("requests both allowed and refused")
                .anyMatch(answer -> answer.startsWith("ALLOWED")).anyMatch(answer -> answer.startsWith("DENIED"));
        assertThat(fromSlim).isEqualTo(fromWhole);
    }

    @Test
    void mutationsPatchAlike() {
        List<JsonNode> reviews = reviews();

        Map<String, String> fromWhole = mutations(whole, reviews);
        Map<String, String> fromSlim = mutations(slim, reviews);

        assertThat(fromWhole.values()).as("seeds from sibling racks").anyMatch(answer -> answer.contains("CASSANDRA_SEEDS"));
        assertThat(fromSlim).isEqualTo(fromWhole);
    }

    @Test
    void backgroundChecksReportAlike() {
        Map<String, String> fromWhole = backgroundChecks(whole);
        Map<String, String> fromSlim = backgroundChecks(slim);

        assertThat(fromWhole.values()).as("findings").anyMatch(answer -> answer.contains("\"fail\""));
        assertThat(fromSlim).isEqualTo(fromWhole);
    }

    @Test
    void clusterStatesAreAlike() {
        assertThat(whole.liveState().clusterStates()).as("datacenters").hasSizeGreaterThan(10);
        assertThat(slim.liveState().clusterStates()).isEqualTo(whole.liveState().clusterStates());
    }

    @Test
    void slimObjectsAreSmaller() {
        Map<String, Integer> wholeSizes = sizes(whole);
        Map<String, Integer> slimSizes = sizes(slim);

        assertThat(slimSizes.keySet()).isEqualTo(wholeSizes.keySet());
        slimSizes.forEach((key, size) -> assertThat(size).as(key).isLessThan(wholeSizes.get(key)));
    }

    // --- the cluster state ---

    /**
     * What the caches hold, read the way {@link InformedLiveState} reads them: any StatefulSet by name, the Cassandra
     * ones of a namespace, and each datacenter's ClusterState from its racks and CassandraCluster.
     */
    private record State(List<StatefulSet> statefulSets, List<CassandraCluster> clusters) {

        static State of(List<HasMetadata> objects) {
            return new State(objects.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast).toList(),
                    objects.stream().filter(CassandraCluster.class::isInstance).map(CassandraCluster.class::cast).toList());
        }

        /** Each object put through the caches' own item store, as the informers put it. */
        State cached() {
            return new State(cached(statefulSets, CachedObjects::statefulSet), cached(clusters, cluster -> CachedObjects.operatorResource(cluster, CassandraCluster::new)));
        }

        private static <T extends HasMetadata> List<T> cached(List<T> objects, UnaryOperator<T> kept) {
            ItemStore<T> store = CachedForms.store(kept);
            objects.forEach(object -> store.put(store.getKey(object), object));
            return objects.stream().map(object -> store.get(store.getKey(object))).toList();
        }

        List<StatefulSet> cassandraStatefulSets() {
            return statefulSets.stream().filter(CassandraStatefulSets::isCassandra).toList();
        }

        LiveState liveState() {
            return new LiveState() {
                @Override
                public boolean available() {
                    return true;
                }

                @Override
                public Optional<StatefulSet> statefulSet(String namespace, String name) {
                    return statefulSets.stream().filter(set -> Cache.metaNamespaceKeyFunc(set)
                            .equals(Cache.namespaceKeyFunc(namespace, name))).findFirst();
                }

                @Override
                public List<StatefulSet> statefulSets(String namespace) {
                    return cassandraStatefulSets().stream().filter(set -> namespace.equals(set.getMetadata().getNamespace())).toList();
                }

                @Override
                public Optional<ClusterState> clusterState(String namespace, String cluster, String datacenter) {
                    List<StatefulSet> racks = cassandraStatefulSets().stream().filter(set -> KubernetesCaches.datacenterKeys(set)
                            .contains(KubernetesCaches.datacenterKey(namespace, cluster, datacenter))).toList();
                    Optional<CassandraCluster> operated = clusters.stream().filter(c -> Cache.metaNamespaceKeyFunc(c)
                            .equals(Cache.namespaceKeyFunc(namespace, cluster))).findFirst();
                    return racks.isEmpty() ? Optional.empty()
                            : Optional.of(ClusterStates.of(namespace, cluster, datacenter, racks, operated, Optional.empty()));
                }

                @Override
                public List<ClusterState> clusterStates() {
                    TreeSet<String> datacenters = new TreeSet<>();
                    cassandraStatefulSets().forEach(set -> datacenters.addAll(KubernetesCaches.datacenterKeys(set)));
                    return datacenters.stream().map(key -> key.split("/"))
                            .map(key -> clusterState(key[0], key[1], key[2]).orElseThrow()).toList();
                }

                @Override
                public Optional<Map<String, String>> namespaceLabels(String namespace) {
                    return Optional.empty();
                }
            };
        }
    }

    /**
     * The objects of the live fixtures (one per name: the first file of a name wins) and of the corpus, each corpus
     * file in a namespace of its own (several name their StatefulSet {@code cassandra}); every object as the API
     * server serves it to an informer, with the bookkeeping of a {@code kubectl apply}.
     */
    private static List<HasMetadata> liveObjects() {
        Map<String, HasMetadata> objects = new LinkedHashMap<>();
        JsonNode fixtureState = EngineFixtures.resource("live-state/namespace-live.yaml");
        fixtureState.path("statefulSets").forEach(set -> add(objects, set));
        resources("live").forEach(path -> add(objects, EngineFixtures.resource("live/" + path.getFileName())));
        int index = 0;
        for (Corpus.Manifest manifest : Stream.concat(Corpus.manifests("statefulsets").stream(),
                Corpus.manifests("casskop").stream().filter(m -> !m.file().contains("/crd/"))).toList()) {
            ObjectNode object = manifest.object().deepCopy();
            object.withObjectProperty("metadata").put("namespace", "corpus-" + index++);
            add(objects, object);
        }
        return List.copyOf(objects.values());
    }

    private static void add(Map<String, HasMetadata> objects, JsonNode node) {
        String kind = node.path("kind").asText();
        if (!kind.equals("StatefulSet") && !kind.equals("CassandraCluster")) {
            return;
        }
        ObjectNode served = node.deepCopy();
        ObjectNode metadata = served.withObjectProperty("metadata");
        metadata.put("uid", "uid-" + objects.size()).put("resourceVersion", String.valueOf(1000 + objects.size()));
        metadata.withObjectProperty("annotations").put(CachedObjects.LAST_APPLIED, node.toString());
        metadata.putArray("managedFields").add(MAPPER.valueToTree(new ManagedFieldsEntryBuilder()
                .withManager("kubectl-client-side-apply").withOperation("Update").withApiVersion(node.path("apiVersion").asText())
                .withFieldsType("FieldsV1").build()));
        Class<? extends HasMetadata> type = kind.equals("StatefulSet") ? StatefulSet.class : CassandraCluster.class;
        HasMetadata object = MAPPER.convertValue(served, type);
        objects.putIfAbsent(kind + " " + Cache.metaNamespaceKeyFunc(object), object);
    }

    // --- the requests ---

    /** Every review fixture, then the changes of every live object. */
    private List<JsonNode> reviews() {
        List<JsonNode> reviews = new ArrayList<>();
        resources("reviews").forEach(path -> reviews.add(EngineFixtures.review(path.getFileName().toString().replace(".yaml", ""))));
        for (StatefulSet set : whole.statefulSets()) {
            JsonNode object = MAPPER.valueToTree(set);
            int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
            for (int to : new int[] {replicas - 1, 0}) {
                reviews.add(review("StatefulSet", set, "UPDATE", object, withReplicas(object, to), ""));
                reviews.add(review("Scale", set, "UPDATE", scale(set, replicas), scale(set, to), "scale"));
            }
            CassandraStatefulSets.cassandraContainer(set).ifPresent(container -> {
                ObjectNode downgraded = object.deepCopy();
                for (JsonNode c : downgraded.at("/spec/template/spec/containers")) {
                    if (container.getName().equals(c.path("name").asText())) {
                        ((ObjectNode) c).put("image", "cassandra:3.0.29");
                    }
                }
                reviews.add(review("StatefulSet", set, "UPDATE", object, downgraded, ""));
            });
            reviews.add(review("StatefulSet", set, "DELETE", object, null, ""));
            ObjectNode sibling = object.deepCopy();
            sibling.withObjectProperty("metadata").put("name", set.getMetadata().getName() + "-new");
            sibling.withObjectProperty("metadata").remove(List.of("uid", "resourceVersion", "managedFields"));
            reviews.add(review("StatefulSet", set, "CREATE", null, sibling, ""));
        }
        for (CassandraCluster cluster : whole.clusters()) {
            JsonNode object = MAPPER.valueToTree(cluster);
            ObjectNode smaller = object.deepCopy();
            smaller.withObjectProperty("spec").put("nodesPerRacks", Math.max(0, object.at("/spec/nodesPerRacks").asInt(1) - 1));
            reviews.add(review("CassandraCluster", cluster, "UPDATE", object, smaller, ""));
            reviews.add(review("CassandraCluster", cluster, "DELETE", object, null, ""));
        }
        return reviews;
    }

    private static ObjectNode withReplicas(JsonNode statefulSet, int replicas) {
        ObjectNode changed = statefulSet.deepCopy();
        changed.withObjectProperty("spec").put("replicas", replicas);
        return changed;
    }

    /** A Scale as the API server builds it from the StatefulSet, its selector included. */
    private static JsonNode scale(StatefulSet set, int replicas) {
        ObjectNode scale = MAPPER.createObjectNode().put("apiVersion", "autoscaling/v1").put("kind", "Scale");
        scale.withObjectProperty("metadata").put("name", set.getMetadata().getName()).put("namespace", set.getMetadata().getNamespace());
        scale.withObjectProperty("spec").put("replicas", replicas);
        Map<String, String> selector = set.getSpec().getSelector() == null || set.getSpec().getSelector().getMatchLabels() == null
                ? Map.of() : new TreeMap<>(set.getSpec().getSelector().getMatchLabels());
        scale.withObjectProperty("status").put("replicas", replicas).put("selector", String.join(",",
                selector.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        return scale;
    }

    private static JsonNode review(String kind, HasMetadata subject, String operation, JsonNode oldObject, JsonNode object,
                                   String subResource) {
        ObjectNode request = MAPPER.createObjectNode();
        String name = subject.getMetadata().getName() + (operation.equals("CREATE") ? "-new" : "");
        request.put("uid", kind + " " + operation + " " + subject.getMetadata().getNamespace() + "/" + name + " "
                + (object == null ? "" : object.at("/spec/replicas").asText() + object.at("/spec/nodesPerRacks").asText()));
        boolean cluster = kind.equals("CassandraCluster");
        request.putObject("kind").put("group", cluster ? "db.orange.com" : kind.equals("Scale") ? "autoscaling" : "apps")
                .put("version", cluster ? "v1alpha1" : "v1").put("kind", kind);
        request.putObject("resource").put("group", cluster ? "db.orange.com" : "apps")
                .put("version", cluster ? "v1alpha1" : "v1").put("resource", cluster ? "cassandraclusters" : "statefulsets");
        if (!subResource.isEmpty()) {
            request.put("subResource", subResource);
        }
        request.put("operation", operation).put("namespace", subject.getMetadata().getNamespace()).put("name", name);
        request.putObject("userInfo").put("username", "bob").putArray("groups").add("system:authenticated");
        request.set("oldObject", oldObject);
        request.set("object", object);
        ObjectNode review = MAPPER.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        review.set("request", request);
        return review;
    }

    // --- the answers ---

    private static Map<String, String> validations(State state, List<JsonNode> reviews) {
        Engine engine = Engine.create(POLICIES, state.liveState());
        return answers(reviews, review -> {
            Decision decision = engine.validation().validate(EngineFixtures.admission(review));
            return decision.verdict() + " " + decision.policy() + " " + decision.outcomes() + " " + decision.passed()
                    + " " + decision.notes() + " " + decision.overrideHint();
        });
    }

    private static Map<String, String> mutations(State state, List<JsonNode> reviews) {
        Engine engine = Engine.create(POLICIES, state.liveState());
        return answers(reviews, review -> {
            MutationEngine.Result result = engine.mutation().mutate(EngineFixtures.admission(review));
            return result.policy() + " " + result.injected() + " " + result.patch() + " " + result.warnings();
        });
    }

    private static Map<String, String> backgroundChecks(State state) {
        LiveState liveState = state.liveState();
        BackgroundChecks checks = new BackgroundChecks(new GuardedRequestReader(MAPPER, liveState), new RuleRunner(),
                liveState, MAPPER);
        Map<String, String> results = new TreeMap<>();
        Stream.concat(state.clusters().stream(), state.cassandraStatefulSets().stream()).forEach(object ->
                results.put(object.getKind() + " " + Cache.metaNamespaceKeyFunc(object),
                        MAPPER.valueToTree(checks.evaluate(object, EngineFixtures.DEFAULTS)).toString()));
        return results;
    }

    /** Each review's answer by its uid; an exception is an answer too. */
    private static Map<String, String> answers(List<JsonNode> reviews, Function<JsonNode, String> decide) {
        Map<String, String> answers = new TreeMap<>();
        for (JsonNode review : reviews) {
            String answer;
            try {
                answer = decide.apply(review);
            } catch (RuntimeException e) {
                answer = e.toString();
            }
            answers.put(review.at("/request/uid").asText(), answer);
        }
        return answers;
    }

    private static Map<String, Integer> sizes(State state) {
        Map<String, Integer> sizes = new TreeMap<>();
        Stream.concat(state.statefulSets().stream(), state.clusters().stream()).forEach(object ->
                sizes.put(object.getKind() + " " + Cache.metaNamespaceKeyFunc(object), MAPPER.valueToTree(object).toString().length()));
        return sizes;
    }

    private static List<Path> resources(String folder) {
        try (Stream<Path> files = Files.list(Path.of(Objects.requireNonNull(
                SlimCacheDecidesAsWholeObjectsTest.class.getClassLoader().getResource(folder)).toURI()))) {
            return files.filter(path -> path.toString().endsWith(".yaml")).sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
