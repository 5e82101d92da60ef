package io.cassguard.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cassguard.engine.decision.Decision;
import io.cassguard.engine.fixtures.EngineFixtures;
import io.cassguard.engine.fixtures.Engines;
import io.cassguard.support.Corpus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every real manifest of the corpus ({@link Corpus}) through the engine as the webhook decides, standalone with the
 * default policy: CREATE answers as the rules say, an update that changes nothing is allowed, mutation is idempotent;
 * and CassKop's own e2e steps, replayed in order, are allowed except where a rule deliberately refuses. The expected
 * refusals, and why, are in {@code cases/corpus.yaml}.
 */
class CorpusConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The guarded kinds of the corpus, with their API group and resource. */
    static final Map<String, List<String>> GUARDED = Map.of(
            "CassandraCluster", List.of("db.orange.com", "cassandraclusters"),
            "CassandraDatacenter", List.of("cassandra.datastax.com", "cassandradatacenters"),
            "K8ssandraCluster", List.of("k8ssandra.io", "k8ssandraclusters"),
            "StatefulSet", List.of("apps", "statefulsets"));

    @Test
    void everyManifestIsCreatedOrRefusedAsDesignSays() {
        Map<String, List<String>> refused = new TreeMap<>();
        for (Corpus.Manifest manifest : guarded()) {
            Decision decision = validate(review("CREATE", null, manifest.object()));
            if (!decision.isAllowed()) {
                refused.put(manifest.file(), rules(decision));
            }
        }

        assertThat(refused).isEqualTo(expected("create"));
    }

    @Test
    void anUpdateThatChangesNothingIsAllowed() {
        List<String> refused = new ArrayList<>();
        for (Corpus.Manifest manifest : guarded()) {
            Decision decision = validate(review("UPDATE", manifest.object(), manifest.object()));
            if (!decision.isAllowed()) {
                refused.add(manifest.file() + ": " + decision.denialMessage());
            }
        }

        assertThat(refused).isEmpty();
    }

    @Test
    void theMutatedStatefulSetMutatedAgainGetsNoPatch() {
        List<Corpus.Manifest> statefulSets = guarded().stream().filter(m -> "StatefulSet".equals(m.kind())).toList();
        List<String> patchedTwice = new ArrayList<>();
        for (Corpus.Manifest manifest : statefulSets) {
            JsonNode mutated = EngineFixtures.mutated(Engines.standalone(), review("CREATE", null, manifest.object()));
            JsonNode again = Engines.standalone().mutation().mutate(EngineFixtures.admission(review("CREATE", null, mutated))).patch();
            if (again != null) {
                patchedTwice.add(manifest.file() + ": " + again);
            }
        }

        assertThat(statefulSets).isNotEmpty();
        assertThat(patchedTwice).isEmpty();
    }

    @Test
    void casskopsOwnEndToEndStepsAreAllowedExceptWhereDesignRefuses() {
        Map<String, List<String>> refused = new TreeMap<>();
        for (List<Corpus.Manifest> steps : Corpus.sequences().values()) {
            Decision created = validate(review("CREATE", null, steps.get(0).object()));
            assertThat(created.isAllowed()).as(steps.get(0).file()).isTrue();
            JsonNode current = settled(steps.get(0).object());
            for (Corpus.Manifest step : steps.subList(1, steps.size())) {
                // each step is a merge patch onto the object as CassKop left it; a refused step changes nothing
                JsonNode next = Corpus.mergePatch(current, step.object());
                Decision decision = validate(review("UPDATE", current, next));
                if (decision.isAllowed()) {
                    current = settled(next);
                } else {
                    refused.put(step.file(), rules(decision));
                }
            }
        }

        assertThat(refused).isEqualTo(expected("sequences"));
    }

    private static List<Corpus.Manifest> guarded() {
        return Corpus.manifests("").stream().filter(m -> GUARDED.containsKey(m.kind())).toList();
    }

    /** The object once CassKop carried the step out: kuttl waits for that before the next step. */
    private static JsonNode settled(JsonNode object) {
        ObjectNode settled = object.deepCopy();
        settled.putObject("status").put("phase", "Running").put("lastClusterActionStatus", "Done");
        return settled;
    }

    static Decision validate(JsonNode review) {
        return Engines.standalone().validation().validate(EngineFixtures.admission(review));
    }

    /**
     * An AdmissionReview as the API server sends it: in the object's namespace (else {@code default}), objects of
     * older API versions converted to the one the webhook is registered for (apps/v1beta2 -> apps/v1).
     */
    static JsonNode review(String operation, JsonNode oldObject, JsonNode object) {
        JsonNode subject = object != null ? object : oldObject;
        String kind = subject.path("kind").asText();
        String namespace = subject.at("/metadata/namespace").asText("default");
        String group = GUARDED.get(kind).get(0);
        String version = "apps".equals(group) ? "v1" : subject.path("apiVersion").asText().substring(group.length() + 1);
        ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request").put("uid", UUID.randomUUID().toString());
        request.putObject("kind").put("group", group).put("version", version).put("kind", kind);
        request.putObject("resource").put("group", group).put("version", version).put("resource", GUARDED.get(kind).get(1));
        request.put("operation", operation).put("namespace", namespace).put("name", subject.at("/metadata/name").asText());
        request.putObject("userInfo").put("username", "alice").putArray("groups").add("system:authenticated");
        if (oldObject != null) {
            request.set("oldObject", inNamespace(oldObject, namespace, group, version));
        }
        if (object != null) {
            request.set("object", inNamespace(object, namespace, group, version));
        }
        return review;
    }

    private static JsonNode inNamespace(JsonNode object, String namespace, String group, String version) {
        ObjectNode copy = object.deepCopy();
        copy.put("apiVersion", group + "/" + version);
        copy.withObject("/metadata").put("namespace", namespace);
        return copy;
    }

    /** The rule ids of a denial, in the order of its lines. */
    static List<String> rules(Decision decision) {
        return Arrays.stream(decision.denialMessage().split("\n"))
                .filter(line -> line.startsWith("["))
                .map(line -> line.substring(1, line.indexOf(']')))
                .distinct().toList();
    }

    private static Map<String, List<String>> expected(String section) {
        try (InputStream in = CorpusConformanceTest.class.getClassLoader().getResourceAsStream("cases/corpus.yaml")) {
            JsonNode table = new YAMLMapper().readTree(in).path(section);
            Map<String, List<String>> expected = new LinkedHashMap<>();
            table.fields().forEachRemaining(entry -> expected.put(entry.getKey(),
                    JSON.convertValue(entry.getValue(), JSON.getTypeFactory().constructCollectionType(List.class, String.class))));
            return new TreeMap<>(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
