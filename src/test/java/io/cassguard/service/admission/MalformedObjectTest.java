package io.cassguard.service.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.cassguard.support.Admission.fixture;
import static io.cassguard.support.Admission.post;
import static io.cassguard.support.ReviewEdits.inserted;
import static io.cassguard.support.ReviewEdits.with;
import static io.cassguard.support.ReviewEdits.without;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shape the API server could not store is found when the object is read, before any rule or mutation runs: the
 * validating webhook denies it as malformed-object with the field path, the mutating one lets it pass untouched for
 * the validating one to deny; never an HTTP 500, never a rule that "could not be evaluated" (docs/webhook.md).
 */
@QuarkusTest
class MalformedObjectTest {

    private static final String BARE_STATEFULSET = "reviews/statefulset-create-bare.yaml";
    private static final String STATEFULSET_SCALE_DOWN = "reviews/statefulset-scale-down-4-to-3-allowed.yaml";
    private static final String SCALE_SUBRESOURCE = "reviews/statefulset-scale-subresource-4-to-3-allowed.yaml";
    private static final String CASSANDRA_CLUSTER = "reviews/cassandracluster-create-pinned-allowed.yaml";
    private static final String CONTAINERS = "/request/object/spec/template/spec/containers";

    @Test
    void aNullContainerBeforeTheOthersIsMalformed() {
        assertMalformed(inserted(fixture(BARE_STATEFULSET), CONTAINERS + "/0", NullNode.getInstance()),
                "StatefulSet cassandra: spec.template.spec.containers[0]: must not be null");
    }

    @Test
    void aNullContainerIsMalformed() {
        assertMalformed(with(fixture(BARE_STATEFULSET), CONTAINERS + "/0", NullNode.getInstance()),
                "StatefulSet cassandra: spec.template.spec.containers[0]: must not be null");
    }

    @Test
    void aNullEnvironmentVariableIsMalformed() {
        JsonNode env = JsonNodeFactory.instance.arrayNode().addNull();

        assertMalformed(with(fixture(BARE_STATEFULSET), CONTAINERS + "/0/env", env),
                "StatefulSet cassandra: spec.template.spec.containers[0].env[0]: must not be null");
    }

    @Test
    void aStoredStatefulSetWithoutMetadataIsMalformed() {
        assertMalformed(without(fixture(STATEFULSET_SCALE_DOWN), "/request/oldObject/metadata"),
                "StatefulSet cassandra-dc1-rack1: oldObject.metadata: is missing");
    }

    @Test
    void aStoredScaleWithoutNameIsMalformed() {
        assertMalformed(without(fixture(SCALE_SUBRESOURCE), "/request/oldObject/metadata/name"),
                "Scale cassandra-dc1-rack1: oldObject.metadata.name: is missing");
    }

    @Test
    void aCassandraClusterWithoutNameIsMalformed() {
        assertMalformed(without(fixture(CASSANDRA_CLUSTER), "/request/object/metadata/name"),
                "CassandraCluster cluster1: metadata.name: is missing");
    }

    @Test
    void aValueOfTheWrongKindIsNamedByWhatBelongsThereNotByAJavaType() {
        ObjectNode strategy = JsonNodeFactory.instance.objectNode().put("type", "RollingUpdate");
        strategy.putObject("rollingUpdate").putObject("maxUnavailable");

        assertMalformed(with(fixture(BARE_STATEFULSET), "/request/object/spec/updateStrategy", strategy),
                "StatefulSet cassandra: spec.updateStrategy.rollingUpdate.maxUnavailable: must be an integer or a string");
    }

    @ParameterizedTest(name = "{2} = {3}")
    @MethodSource("blankNumbers")
    void aBlankStringWhereANumberBelongsIsMalformed(String fixture, String pointer, String path, String value) {
        String json = TextNode.valueOf(value).toString();

        assertMalformed(with(fixture(fixture), pointer, TextNode.valueOf(value)),
                fixture(fixture).at("/request/kind/kind").asText() + " " + fixture(fixture).at("/request/name").asText()
                        + ": " + path + ": " + json + " is not an integer");
    }

    static Stream<Arguments> blankNumbers() {
        List<List<String>> fields = List.of(
                List.of(BARE_STATEFULSET, "/request/object/spec/replicas", "spec.replicas"),
                List.of(BARE_STATEFULSET, "/request/object/spec/revisionHistoryLimit", "spec.revisionHistoryLimit"),
                List.of(BARE_STATEFULSET, "/request/object/spec/template/spec/terminationGracePeriodSeconds",
                        "spec.template.spec.terminationGracePeriodSeconds"),
                List.of(CASSANDRA_CLUSTER, "/request/object/spec/nodesPerRacks", "spec.nodesPerRacks"));
        return fields.stream().flatMap(field -> Stream.of(" ", "null", "\u0000")
                .map(value -> Arguments.of(field.get(0), field.get(1), field.get(2), value)));
    }

    /** Denied by /validate with only the malformed-object line, let through untouched by /mutate. */
    private static void assertMalformed(JsonNode review, String problem) {
        JsonNode validated = post("/validate", review);
        assertThat(validated.path("allowed").asBoolean(true)).isFalse();
        assertThat(validated.at("/status/message").asText()).isEqualTo("[malformed-object] " + problem + "\n"
                + "Fix the object; malformed-object cannot be overridden.");

        JsonNode mutated = post("/mutate", review);
        assertThat(mutated.path("allowed").asBoolean(false)).isTrue();
        assertThat(mutated.has("patch")).isFalse();
    }
}
