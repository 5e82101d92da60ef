package io.cassguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import io.cassguard.engine.cluster.CassandraStatefulSets;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhooks' matchConditions, evaluated by CEL as the API server does, against cassguard's own recognition of
 * Cassandra StatefulSets: the condition may call for more than cassguard guards, never for less, on CREATE, UPDATE
 * and DELETE. Every StatefulSet of the test fixtures is checked, so a new fixture is checked too. Scales (which carry
 * only their StatefulSet's selector) go to one of two entries: those whose selector marks Cassandra fail closed, all
 * others fail open. Checked on every way to install cassguard.
 */
class WebhookMatchConditionsTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Cel CEL = CelFactory.standardCelBuilder()
            // has(), exists(): the macros every Kubernetes CEL environment has
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("object", SimpleType.DYN)
            .addVar("oldObject", SimpleType.DYN)
            .setResultType(SimpleType.BOOL)
            .build();
    private static final Object ABSENT = com.google.protobuf.NullValue.NULL_VALUE;
    private static final String VALIDATING = "ValidatingWebhookConfiguration";
    private static final String CASSANDRA_SCALES = "statefulset-scale.validate.cassguard.io";
    private static final String OTHER_SCALES = "other-statefulset-scales.validate.cassguard.io";

    @ParameterizedTest(name = "{0}")
    @MethodSource(K8sManifestsTest.INSTALLS)
    void onlyTheStatefulSetAndScaleWebhooksFilterTheirRequests(RenderedManifests install) {
        List<String> filtered = new ArrayList<>();
        for (String kind : List.of(VALIDATING, "MutatingWebhookConfiguration")) {
            install.webhooks(kind).stream().filter(webhook -> webhook.has("matchConditions"))
                    .forEach(webhook -> filtered.add(webhook.path("name").asText()));
        }
        // the operators' resources and the policies are always sent
        assertThat(filtered).containsExactlyInAnyOrder("statefulsets.validate.cassguard.io", "statefulsets.mutate.cassguard.io",
                CASSANDRA_SCALES, OTHER_SCALES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(K8sManifestsTest.INSTALLS)
    void bothStatefulSetWebhooksUseTheSameCondition(RenderedManifests install) {
        assertThat(condition(install, "MutatingWebhookConfiguration", "statefulsets.mutate.cassguard.io"))
                .isEqualTo(condition(install, VALIDATING, "statefulsets.validate.cassguard.io"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(K8sManifestsTest.INSTALLS)
    void noCassandraStatefulSetSkipsTheWebhooksOnCreateUpdateOrDelete(RenderedManifests install) throws Exception {
        String condition = condition(install, VALIDATING, "statefulsets.validate.cassguard.io");
        Map<String, Object> notCassandra = object(YAML.readTree(Path.of("src/test/resources/statefulsets/postgres.yaml").toFile()));
        List<Path> checked = new ArrayList<>();
        for (Map.Entry<Path, JsonNode> statefulSet : fixtureStatefulSets().entrySet()) {
            if (!CassandraStatefulSets.isCassandra(YAML.treeToValue(statefulSet.getValue(), StatefulSet.class))) {
                continue;
            }
            Map<String, Object> cassandra = object(statefulSet.getValue());
            String where = statefulSet.getKey().toString();
            assertThat(evaluate(condition, cassandra, ABSENT)).as("CREATE " + where).isTrue();
            assertThat(evaluate(condition, cassandra, cassandra)).as("UPDATE " + where).isTrue();
            assertThat(evaluate(condition, ABSENT, cassandra)).as("DELETE " + where).isTrue();
            // an update that takes away what made it Cassandra is still guarded
            assertThat(evaluate(condition, notCassandra, cassandra)).as("UPDATE away from " + where).isTrue();
            checked.add(statefulSet.getKey());
        }
        assertThat(checked).as("Cassandra StatefulSets among the fixtures").hasSizeGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(K8sManifestsTest.INSTALLS)
    void labelsThatMarkCassandraSendTheStatefulSetWhateverItsContainers(RenderedManifests install) throws Exception {
        String condition = condition(install, VALIDATING, "statefulsets.validate.cassguard.io");
        Map<String, Map<String, String>> labelSets = new LinkedHashMap<>();
        for (Map.Entry<Path, JsonNode> statefulSet : fixtureStatefulSets().entrySet()) {
            Map<String, String> labels = YAML.convertValue(statefulSet.getValue().at("/metadata/labels"), Map.class);
            if (CassandraStatefulSets.hasCassandraLabels(labels)) {
                labelSets.put(statefulSet.getKey().toString(), labels);
            }
        }
        // a rack of cass-operator's with only the labels it selects its pods by
        labelSets.put("cass-operator's rack labels", Map.of("cassandra.datastax.com/cluster", "demo",
                "cassandra.datastax.com/datacenter", "dc1", "cassandra.datastax.com/rack", "r1"));
        assertThat(labelSets).hasSizeGreaterThanOrEqualTo(5);
        labelSets.forEach((where, labels) -> {
            // nothing but the labels says Cassandra: a server container of an image named otherwise
            Map<String, Object> statefulSet = Map.of("apiVersion", "apps/v1", "kind", "StatefulSet",
                    "metadata", Map.of("name", "rack1", "labels", labels),
                    "spec", Map.of("template", Map.of("spec", Map.of("containers",
                            List.of(Map.of("name", "server", "image", "registry.example.com/db-server:6.8.50"))))));
            assertThat(CassandraStatefulSets.isCassandra(YAML.convertValue(statefulSet, StatefulSet.class)))
                    .as("cassguard's recognition: " + where).isTrue();
            assertThat(evaluate(condition, statefulSet, ABSENT)).as("CREATE " + where).isTrue();
            assertThat(evaluate(condition, ABSENT, statefulSet)).as("DELETE " + where).isTrue();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(K8sManifestsTest.INSTALLS)
    void statefulSetsThatAreNotCassandraSkipTheWebhooks(RenderedManifests install) throws Exception {
        String condition = condition(install, VALIDATING, "statefulsets.validate.cassguard.io");
        for (String fixture : List.of("statefulsets/postgres.yaml", "statefulsets/without-template.yaml")) {
            Map<String, Object> statefulSet = object(YAML.readTree(Path.of("src/test/resources", fixture).toFile()));
            assertThat(evaluate(condition, statefulSet, ABSENT)).as("CREATE " + fixture).isFalse();
            assertThat(evaluate(condition, statefulSet, statefulSet)).as("UPDATE " + fixture).isFalse();
            assertThat(evaluate(condition, ABSENT, statefulSet)).as("DELETE " + fixture).isFalse();
        }
        JsonNode redis = YAML.readTree(Path.of("src/test/resources/reviews/statefulset-create-not-cassandra.yaml").toFile());
        assertThat(evaluate(condition, object(redis.at("/request/object")), ABSENT)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(K8sManifestsTest.INSTALLS)
    void everyScaleWhoseSelectorMarksCassandraGoesToTheEntryThatFailsClosed(RenderedManifests install) throws Exception {
        String cassandraScales = condition(install, VALIDATING, CASSANDRA_SCALES);
        String otherScales = condition(install, VALIDATING, OTHER_SCALES);
        Map<String, Map<String, Object>> scales = fixtureScales(true);
        // the selector every Cassandra StatefulSet of the fixtures gives its Scale
        for (Map.Entry<Path, JsonNode> statefulSet : fixtureStatefulSets().entrySet()) {
            Map<String, String> matchLabels = YAML.convertValue(statefulSet.getValue().at("/spec/selector/matchLabels"), Map.class);
            if (CassandraStatefulSets.hasCassandraLabels(matchLabels)) {
                scales.put("Scale of " + statefulSet.getKey(), scale(new TreeMap<>(matchLabels).entrySet().stream()
                        .map(label -> label.getKey() + "=" + label.getValue()).collect(Collectors.joining(","))));
            }
        }
        // a selector made of matchExpressions, as the API server writes it
        scales.put("set-based selector", scale("app.kubernetes.io/instance=demo,app.kubernetes.io/name in (cassandra)"));
        // cass-operator's rack: its StatefulSet selects by the rack labels alone
        scales.put("cass-operator's rack", scale(
                "cassandra.datastax.com/cluster=demo,cassandra.datastax.com/datacenter=dc1,cassandra.datastax.com/rack=r1"));
        assertThat(scales).hasSizeGreaterThanOrEqualTo(5);
        scales.forEach((where, scale) -> {
            assertThat(evaluate(cassandraScales, scale, scale)).as("fails closed: " + where).isTrue();
            assertThat(evaluate(otherScales, scale, scale)).as("not also sent to the entry that fails open: " + where).isFalse();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(K8sManifestsTest.INSTALLS)
    void theScalesOfEveryOtherWorkloadGoToTheEntryThatFailsOpen(RenderedManifests install) throws Exception {
        String cassandraScales = condition(install, VALIDATING, CASSANDRA_SCALES);
        String otherScales = condition(install, VALIDATING, OTHER_SCALES);
        Map<String, Map<String, Object>> scales = fixtureScales(false);
        scales.put("postgres", scale("app.kubernetes.io/name=postgres,tier=storage"));
        // another operator's keys of the same shape
        scales.put("CloudNativePG's cluster", scale("cnpg.io/cluster=orders,cnpg.io/instanceRole=primary"));
        assertThat(scales).hasSizeGreaterThanOrEqualTo(4);
        scales.forEach((where, scale) -> {
            assertThat(evaluate(otherScales, scale, scale)).as("fails open: " + where).isTrue();
            assertThat(evaluate(cassandraScales, scale, scale)).as("not sent to the entry that fails closed: " + where).isFalse();
        });
    }

    private static String condition(RenderedManifests install, String kind, String webhook) {
        JsonNode conditions = install.webhooks(kind).stream()
                .filter(w -> webhook.equals(w.path("name").asText()))
                .findFirst().orElseThrow()
                .path("matchConditions");
        assertThat(conditions.size()).as(webhook + " has one condition").isEqualTo(1);
        return conditions.get(0).path("expression").asText();
    }

    private static boolean evaluate(String expression, Object object, Object oldObject) {
        try {
            Map<String, Object> variables = new HashMap<>();
            variables.put("object", object);
            variables.put("oldObject", oldObject);
            return (Boolean) CEL.createProgram(CEL.compile(expression).getAst()).eval(variables);
        } catch (Exception e) {
            throw new AssertionError("the condition does not evaluate: " + e.getMessage(), e);
        }
    }

    /**
     * The Scales of the reviews/ fixtures on the statefulsets/scale subresource (each review's new object) whose
     * selector marks Cassandra for cassguard's own recognition, or whose selector does not.
     */
    private static Map<String, Map<String, Object>> fixtureScales(boolean cassandraSelector) throws IOException {
        Map<String, Map<String, Object>> scales = new LinkedHashMap<>();
        for (Path file : yamlFiles(Path.of("src/test/resources/reviews"))) {
            JsonNode request = YAML.readTree(file.toFile()).path("request");
            Map<String, Object> scale = object(request.path("object"));
            if ("scale".equals(request.path("subResource").asText())
                    && CassandraStatefulSets.hasCassandraLabels(labels(selector(scale))) == cassandraSelector) {
                scales.put(file.toString(), scale);
            }
        }
        return scales;
    }

    private static Map<String, Object> scale(String selector) {
        return Map.of("apiVersion", "autoscaling/v1", "kind", "Scale", "metadata", Map.of("name", "rack1"),
                "spec", Map.of("replicas", 2), "status", Map.of("replicas", 3, "selector", selector));
    }

    private static String selector(Map<String, Object> scale) {
        Object status = scale.get("status");
        return status instanceof Map<?, ?> map && map.get("selector") instanceof String selector ? selector : "";
    }

    /** The labels of the equality terms of a selector ({@code app=cassandra,tier=db}), as cassguard reads a Scale's. */
    private static Map<String, String> labels(String selector) {
        Map<String, String> labels = new HashMap<>();
        for (String term : selector.split(",")) {
            String[] pair = term.split("=", 2);
            if (pair.length == 2) {
                labels.put(pair[0].trim(), pair[1].trim());
            }
        }
        return labels;
    }

    /** Every StatefulSet the fixtures hold: the objects of statefulsets/ and those in the AdmissionReviews of reviews/. */
    private static Map<Path, JsonNode> fixtureStatefulSets() throws IOException {
        Map<Path, JsonNode> statefulSets = new HashMap<>();
        for (Path file : yamlFiles(Path.of("src/test/resources/statefulsets"))) {
            statefulSets.put(file, YAML.readTree(file.toFile()));
        }
        for (Path file : yamlFiles(Path.of("src/test/resources/reviews"))) {
            JsonNode request = YAML.readTree(file.toFile()).path("request");
            for (String field : List.of("object", "oldObject")) {
                if ("StatefulSet".equals(request.path(field).path("kind").asText())) {
                    statefulSets.put(Path.of(file + "#" + field), request.path(field));
                }
            }
        }
        return statefulSets;
    }

    private static List<Path> yamlFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(JsonNode node) {
        try {
            return YAML.treeToValue(node, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
