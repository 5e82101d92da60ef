package io.cassguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import io.cassguard.engine.cluster.CassandraStatefulSets;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhooks' matchConditions, evaluated by CEL as the API server does, against cassguard's own recognition of
 * Cassandra StatefulSets: the condition may call for more than cassguard guards, never for less, on CREATE, UPDATE
 * and DELETE. Every StatefulSet of the test fixtures is checked, so a new fixture is checked too.
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

    private final RenderedManifests base = RenderedManifests.render("");

    @Test
    void onlyTheStatefulSetWebhooksFilterTheirRequests() {
        List<String> filtered = new ArrayList<>();
        for (String kind : List.of("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration")) {
            base.webhooks(kind).stream().filter(webhook -> webhook.has("matchConditions"))
                    .forEach(webhook -> filtered.add(webhook.path("name").asText()));
        }
        // CassandraClusters, Scales (which carry no labels or containers) and policies are always sent
        assertThat(filtered).containsExactlyInAnyOrder("statefulsets.validate.cassguard.io", "statefulsets.mutate.cassguard.io");
    }

    @Test
    void bothStatefulSetWebhooksUseTheSameCondition() {
        assertThat(condition("MutatingWebhookConfiguration", "statefulsets.mutate.cassguard.io"))
                .isEqualTo(condition("ValidatingWebhookConfiguration", "statefulsets.validate.cassguard.io"));
    }

    @Test
    void noCassandraStatefulSetSkipsTheWebhooksOnCreateUpdateOrDelete() throws Exception {
        String condition = condition("ValidatingWebhookConfiguration", "statefulsets.validate.cassguard.io");
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

    @Test
    void statefulSetsThatAreNotCassandraSkipTheWebhooks() throws Exception {
        String condition = condition("ValidatingWebhookConfiguration", "statefulsets.validate.cassguard.io");
        for (String fixture : List.of("statefulsets/postgres.yaml", "statefulsets/without-template.yaml")) {
            Map<String, Object> statefulSet = object(YAML.readTree(Path.of("src/test/resources", fixture).toFile()));
            assertThat(evaluate(condition, statefulSet, ABSENT)).as("CREATE " + fixture).isFalse();
            assertThat(evaluate(condition, statefulSet, statefulSet)).as("UPDATE " + fixture).isFalse();
            assertThat(evaluate(condition, ABSENT, statefulSet)).as("DELETE " + fixture).isFalse();
        }
        JsonNode redis = YAML.readTree(Path.of("src/test/resources/reviews/statefulset-create-not-cassandra.yaml").toFile());
        assertThat(evaluate(condition, object(redis.at("/request/object")), ABSENT)).isFalse();
    }

    private String condition(String kind, String webhook) {
        JsonNode conditions = base.webhooks(kind).stream()
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
