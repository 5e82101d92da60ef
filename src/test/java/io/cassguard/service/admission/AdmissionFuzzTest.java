package io.cassguard.service.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cassguard.support.Admission;
import io.cassguard.support.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.cassguard.support.ReviewEdits.inserted;
import static io.cassguard.support.ReviewEdits.with;
import static io.cassguard.support.ReviewEdits.without;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Posts AdmissionReviews made from the review fixtures, with type confusion, nulls, deletions and extreme values on
 * any field, over HTTPS (HTTP/2, as the API server calls) to /validate and /mutate, and checks what every answer must
 * be whatever the input (docs/webhook.md): never a 5xx; an AdmissionReview echoing the uid whenever the envelope is one,
 * else a 400 with a JSON error; no Java class name or stack frame; no rule that "could not be evaluated"; a shape the
 * API server could not store denied as malformed-object with its field path. The service logs no stack trace and no
 * error for any of it.
 * <p>
 * Each case is made from its own seed: {@code -Dfuzz.tries=N} cases (a few seconds' worth by default) with seeds
 * {@code S, S+1, ...} from {@code -Dfuzz.seed=S} (random by default). A failure names its seed: {@code -Dfuzz.seed=<it>
 * -Dfuzz.tries=1} replays that case alone.
 */
@QuarkusTest
class AdmissionFuzzTest {

    private static final int TRIES = Integer.getInteger("fuzz.tries", 200);
    private static final int MAX_FAILURES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Path FIXTURES = Path.of("src/test/resources/reviews");
    private static final Pattern JAVA_NAME = Pattern.compile(
            "\\b(java|javax|jakarta|io\\.cassguard|io\\.fabric8|io\\.vertx|io\\.quarkus|com\\.fasterxml|org\\.jboss)\\.\\w"
                    + "|\\b[A-Z]\\w*(Exception|Error)\\b|\\bat [\\w$.]+\\([\\w$]*\\.java:\\d+\\)");
    private static final List<String> STRINGS = List.of("", " ", "null", "\u0000", "\t\n", "-1", "3", "1e400", "0x10",
            "x".repeat(10_000), "ünïcødé ☃ 💥", "\u202Egnol", "a/b/../..", "*", "cassandra", "cassandra:latest",
            "cassandra:4.1.5@sha256:00", "app=cassandra,app!=x", "CREATE", "DELETE", "dc1", "rack1", "true");
    private static final List<JsonNode> NUMBERS = List.of(NODES.numberNode(0), NODES.numberNode(-1),
            NODES.numberNode(1), NODES.numberNode(Integer.MAX_VALUE), NODES.numberNode(Integer.MAX_VALUE + 1L),
            NODES.numberNode(Long.MIN_VALUE), NODES.numberNode(Long.MAX_VALUE),
            NODES.numberNode(BigInteger.TEN.pow(30)), NODES.numberNode(1e308), NODES.numberNode(-0.0),
            NODES.numberNode(0.5), NODES.numberNode(3.0));
    private static final List<String> BLANK_NUMBERS = List.of("", " ", "null", "\u0000", "three");
    private static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE", "DELETE", "CONNECT");
    /**
     * Typed fields of the guarded kinds that the fixtures leave out, to reach their readers too: where the first part
     * is in the object, the second is set (with the objects on its way).
     */
    private static final List<List<String>> TYPED_FIELDS = List.of(
            List.of("/spec", "updateStrategy/rollingUpdate/maxUnavailable"),
            List.of("/spec", "updateStrategy/rollingUpdate/partition"),
            List.of("/spec", "ordinals/start"),
            List.of("/spec", "persistentVolumeClaimRetentionPolicy/whenScaled"),
            List.of("/spec/template/spec", "tolerations"),
            List.of("/spec/template/spec/containers/0", "livenessProbe/httpGet/port"),
            List.of("/spec/template/spec/containers/0", "resources/limits/cpu"),
            List.of("/spec/template/spec/containers/0", "securityContext/runAsUser"),
            List.of("/spec/volumeClaimTemplates/0", "spec/resources/requests/storage"),
            List.of("/spec/topology/dc/0", "numTokens"),
            List.of("/spec/topology/dc/0/rack/0", "labels/fuzz"),
            List.of("/status", "cassandraRackStatus/dc1-rack1/cassandraLastAction/status"),
            List.of("/metadata", "creationTimestamp"),
            List.of("/metadata", "ownerReferences"));

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
            .sslContext(Admission.tlsContext()).build();

    @Test
    void noReviewGetsAnErrorAStackTraceOrARuleThatCouldNotBeEvaluated() throws Exception {
        Map<String, JsonNode> fixtures = fixtures();
        List<String> names = List.copyOf(fixtures.keySet());
        Set<String> wellFormed = wellFormed(fixtures);
        long firstSeed = Long.getLong("fuzz.seed", new SplittableRandom().nextLong());
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        int cases = 0;
        try (CapturedLog log = CapturedLog.of("")) {
            for (; cases < TRIES && failures.size() < MAX_FAILURES; cases++) {
                long seed = firstSeed + cases;
                Case generated = Case.of(seed, names, fixtures, wellFormed);
                for (String webhook : List.of("/validate", "/mutate")) {
                    String failure = check(generated, webhook);
                    if (failure != null) {
                        failures.add("seed " + seed + " (replay: -Dfuzz.seed=" + seed + " -Dfuzz.tries=1), "
                                + generated.fixture() + ", " + generated.edits() + ", " + webhook + ": " + failure);
                    }
                }
            }
            List<String> logged = log.records().stream()
                    .filter(record -> record.getThrown() != null || record.getLevel().intValue() > Level.WARNING.intValue())
                    .map(record -> record.getLevel() + " " + CapturedLog.message(record)
                            + (record.getThrown() == null ? "" : " with " + record.getThrown()))
                    .toList();
            long warnings = log.records().stream().map(LogRecord::getLevel).filter(Level.WARNING::equals).count();
            assertThat(logged).as("log records with a stack trace or above WARN").isEmpty();
            assertThat(warnings).as("WARN lines, one per review at most").isLessThanOrEqualTo(2L * cases);
        }
        System.out.printf("fuzz: %d cases from seed %d in %d s%n", cases, firstSeed,
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        assertThat(failures).as("failed cases").isEmpty();
    }

    /** What is wrong with the answer to the case's review, or null. */
    private String check(Case generated, String webhook) throws IOException, InterruptedException {
        String sent = generated.review().toString();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(Admission.uri(webhook))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(sent)).build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        if (response.statusCode() >= 500) {
            return "HTTP " + response.statusCode() + " " + cut(body);
        }
        if (JAVA_NAME.matcher(body).find()) {
            return "a Java name or stack frame in " + cut(body);
        }
        if (body.contains("could not be evaluated")) {
            return "a rule could not be evaluated: " + cut(body);
        }
        JsonNode answer = JSON.readTree(body);
        if (!isEnvelope(generated.review())) {
            return response.statusCode() == 400 && answer.path("error").isTextual() ? null
                    : "not a 400 with a JSON error for a body that is no AdmissionReview: " + cut(body);
        }
        if (response.statusCode() != 200 || !"admission.k8s.io/v1".equals(answer.path("apiVersion").asText())
                || !"AdmissionReview".equals(answer.path("kind").asText())
                || !generated.review().at("/request/uid").equals(answer.at("/response/uid"))) {
            return "not an AdmissionReview echoing the uid: HTTP " + response.statusCode() + " " + cut(body);
        }
        return generated.malformed() == null ? null : checkMalformed(generated.malformed(), webhook, answer.get("response"));
    }

    /** A malformed shape: denied by /validate with its path, let through untouched by /mutate. */
    private static String checkMalformed(String path, String webhook, JsonNode response) {
        if ("/mutate".equals(webhook)) {
            return response.path("allowed").asBoolean(false) && !response.has("patch") ? null
                    : "a malformed object not let through untouched: " + cut(response.toString());
        }
        String message = response.at("/status/message").asText();
        return !response.path("allowed").asBoolean(true) && message.startsWith("[malformed-object] ")
                && message.lines().findFirst().orElse("").contains(": " + path + ": ")
                ? null : "not denied as malformed-object at " + path + ": " + cut(response.toString());
    }

    /** Whether the body still is an AdmissionReview cassguard answers with one (AdmissionReviewReader's checks). */
    private static boolean isEnvelope(JsonNode review) {
        JsonNode request = review.path("request");
        return "admission.k8s.io/v1".equals(review.path("apiVersion").asText())
                && "AdmissionReview".equals(review.path("kind").asText())
                && request.isObject() && !request.path("uid").asText("").isBlank()
                && OPERATIONS.contains(request.path("operation").asText(""));
    }

    private static String cut(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "...";
    }

    /** The fixtures /validate does not deny as malformed already (some are made to be). */
    private static Set<String> wellFormed(Map<String, JsonNode> fixtures) {
        return fixtures.entrySet().stream()
                .filter(fixture -> !Admission.post("/validate", fixture.getValue()).at("/status/message").asText()
                        .startsWith("[malformed-object]"))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private static Map<String, JsonNode> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.map(Path::getFileName).map(Path::toString).sorted()
                    .collect(Collectors.toMap(name -> name, name -> Admission.fixture("reviews/" + name),
                            (a, b) -> a, LinkedHashMap::new));
        }
    }

    /**
     * One generated review: a fixture with edits; {@code malformed} is the path (as the denial names it) of the shape
     * the API server could not store that the edits made, or null when they were edits of any kind anywhere.
     */
    record Case(String fixture, JsonNode review, List<String> edits, String malformed) {

        static Case of(long seed, List<String> names, Map<String, JsonNode> fixtures, Set<String> wellFormed) {
            SplittableRandom random = new SplittableRandom(seed);
            String fixture = names.get(random.nextInt(names.size()));
            JsonNode review = fixtures.get(fixture);
            String kind = guardedKind(review);
            if (kind != null && wellFormed.contains(fixture) && random.nextInt(3) == 0) {
                return Malformation.of(fixture, review, kind, random);
            }
            List<String> edits = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                review = edit(review, random, edits);
            }
            return new Case(fixture, review, edits, null);
        }

        /** Any edit of any node but the uid (without which no answer can echo it), or a typed field added. */
        private static JsonNode edit(JsonNode review, SplittableRandom random, List<String> edits) {
            if (random.nextInt(5) == 0) {
                String object = random.nextBoolean() ? "/request/object" : "/request/oldObject";
                List<String> field = TYPED_FIELDS.get(random.nextInt(TYPED_FIELDS.size()));
                if (review.at(object + field.get(0)).isObject()) {
                    String pointer = object + field.get(0) + "/" + field.get(1);
                    JsonNode value = someValue(random, TextNode.valueOf("fuzz"));
                    edits.add("set " + pointer + " to " + cut(value.toString()));
                    return with(review, pointer, value);
                }
            }
            List<String> pointers = new ArrayList<>();
            collect(review, "", pointers);
            pointers.remove("");
            pointers.remove("/request/uid");
            if (pointers.isEmpty()) {
                return review; // everything removed already
            }
            String pointer = pointers.get(random.nextInt(pointers.size()));
            JsonNode current = review.at(pointer);
            int choice = random.nextInt(current.isArray() ? 8 : current.isObject() ? 7 : 6);
            switch (choice) {
                case 0 -> {
                    edits.add("remove " + pointer);
                    return without(review, pointer);
                }
                case 1, 2 -> {
                    JsonNode value = someValue(random, current);
                    edits.add("set " + pointer + " to " + cut(value.toString()));
                    return with(review, pointer, value);
                }
                case 3 -> {
                    edits.add("set " + pointer + " to null");
                    return with(review, pointer, NullNode.getInstance());
                }
                case 4 -> {
                    JsonNode value = NUMBERS.get(random.nextInt(NUMBERS.size()));
                    edits.add("set " + pointer + " to " + value);
                    return with(review, pointer, value);
                }
                case 5 -> {
                    JsonNode value = TextNode.valueOf(STRINGS.get(random.nextInt(STRINGS.size())));
                    edits.add("set " + pointer + " to " + cut(value.toString()));
                    return with(review, pointer, value);
                }
                case 6 -> {
                    if (current.isArray()) {
                        int index = random.nextInt(current.size() + 1);
                        JsonNode item = current.isEmpty() || random.nextBoolean()
                                ? NullNode.getInstance() : current.get(random.nextInt(current.size())).deepCopy();
                        edits.add("insert " + cut(item.toString()) + " at " + pointer + "/" + index);
                        return inserted(review, pointer + "/" + index, item);
                    }
                    JsonNode value = someValue(random, current);
                    edits.add("add " + pointer + "/fuzz = " + cut(value.toString()));
                    return with(review, pointer + "/fuzz", value);
                }
                default -> {
                    edits.add("empty " + pointer);
                    return with(review, pointer, NODES.arrayNode());
                }
            }
        }

        /** A value of another type, or the current one wrapped or turned into text. */
        private static JsonNode someValue(SplittableRandom random, JsonNode current) {
            return switch (random.nextInt(8)) {
                case 0 -> BooleanNode.valueOf(random.nextBoolean());
                case 1 -> NODES.objectNode();
                case 2 -> NODES.arrayNode();
                case 3 -> NODES.arrayNode().add(current.deepCopy());
                case 4 -> NODES.objectNode().set("value", current.deepCopy());
                case 5 -> TextNode.valueOf(current.isValueNode() ? current.asText() : current.toString());
                case 6 -> NUMBERS.get(random.nextInt(NUMBERS.size()));
                default -> TextNode.valueOf(STRINGS.get(random.nextInt(STRINGS.size())));
            };
        }

        private static void collect(JsonNode node, String pointer, List<String> pointers) {
            pointers.add(pointer);
            if (node.isObject()) {
                for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    collect(node.get(name), pointer + "/" + name.replace("~", "~0").replace("/", "~1"), pointers);
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    collect(node.get(i), pointer + "/" + i, pointers);
                }
            }
        }

        /** StatefulSet, Scale or CassandraCluster when the review is of one cassguard reads, else null. */
        private static String guardedKind(JsonNode review) {
            JsonNode request = review.path("request");
            String kind = request.at("/kind/kind").asText();
            if ("scale".equals(request.path("subResource").asText())) {
                return "statefulsets".equals(request.at("/resource/resource").asText()) ? "Scale" : null;
            }
            return ("StatefulSet".equals(kind) && "apps".equals(request.at("/kind/group").asText()))
                    || ("CassandraCluster".equals(kind) && "db.orange.com".equals(request.at("/kind/group").asText()))
                    ? kind : null;
        }
    }

    /** Shapes the API server could not store, in fields cassguard reads, with the path the denial names. */
    private static final class Malformation {

        static Case of(String fixture, JsonNode review, String kind, SplittableRandom random) {
            List<String> objects = Stream.of("object", "oldObject")
                    .filter(name -> review.at("/request/" + name).isObject()).toList();
            String field = objects.get(random.nextInt(objects.size()));
            String at = "/request/" + field;
            String prefix = "object".equals(field) ? "" : field + ".";
            JsonNode object = review.at(at);
            List<Case> choices = new ArrayList<>();
            String name = "CassandraCluster".equals(kind) ? "metadata.name" : "metadata";
            choices.add(made(fixture, without(review, at + "/metadata"), "remove " + at + "/metadata", prefix + name));
            choices.add(made(fixture, without(review, at + "/metadata/name"), "remove " + at + "/metadata/name",
                    prefix + "metadata.name"));
            ObjectNode labels = object.at("/metadata/labels").isObject()
                    ? object.at("/metadata/labels").deepCopy() : NODES.objectNode();
            choices.add(made(fixture, with(review, at + "/metadata/labels", labels.putNull("fuzz")),
                    "null label", prefix + "metadata.labels.fuzz"));
            TextNode blank = TextNode.valueOf(BLANK_NUMBERS.get(random.nextInt(BLANK_NUMBERS.size())));
            List<String> numbers = switch (kind) {
                case "StatefulSet" -> List.of("spec/replicas", "spec/revisionHistoryLimit", "spec/minReadySeconds",
                        "spec/template/spec/terminationGracePeriodSeconds");
                case "Scale" -> List.of("spec/replicas");
                default -> List.of("spec/nodesPerRacks", "spec/topology/dc/0/nodesPerRacks", "spec/topology/dc/0/numTokens");
            };
            for (String number : numbers) {
                if (object.at("/" + number.substring(0, number.lastIndexOf('/'))).isObject()) {
                    choices.add(made(fixture, with(review, at + "/" + number, blank), "set " + at + "/" + number
                            + " to " + blank, prefix + path(number)));
                }
            }
            List<String> lists = switch (kind) {
                case "StatefulSet" -> List.of("spec/template/spec/containers", "spec/template/spec/containers/0/env",
                        "spec/volumeClaimTemplates");
                case "Scale" -> List.of();
                default -> List.of("spec/topology/dc", "spec/topology/dc/0/rack");
            };
            for (String list : lists) {
                JsonNode items = object.at("/" + list);
                if (items.isArray()) {
                    int index = random.nextInt(items.size() + 1);
                    choices.add(made(fixture, inserted(review, at + "/" + list + "/" + index, NullNode.getInstance()),
                            "insert null at " + at + "/" + list + "/" + index, prefix + path(list + "/" + index)));
                }
            }
            return choices.get(random.nextInt(choices.size()));
        }

        private static Case made(String fixture, JsonNode review, String edit, String path) {
            return new Case(fixture, review, List.of(edit), path);
        }

        /** spec/topology/dc/0/rack as the denial says it: spec.topology.dc[0].rack */
        private static String path(String pointer) {
            return pointer.replaceAll("/(\\d+)", "[$1]").replace('/', '.');
        }
    }
}
