package io.cassguard.engine.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cassguard.support.Admission;
import io.cassguard.support.ValidationCase;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guardrails of DESIGN §5 and §6 through {@code POST /validate} over HTTPS, standalone (no live state): one
 * fixture per case under {@code reviews/}, its exact answer in a table under {@code cases/}.
 */
@QuarkusTest
class GuardrailRulesTest {

    static List<ValidationCase> cassandraClusters() {
        return ValidationCase.table("cases/cassandracluster.yaml");
    }

    /** Cassandra StatefulSets and their statefulsets/scale subresource; a rack's datacenter is the rack alone. */
    static List<ValidationCase> statefulSets() {
        return ValidationCase.table("cases/statefulset.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cassandraClusters")
    void cassandraCluster(ValidationCase validationCase) {
        validationCase.check();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statefulSets")
    void statefulSet(ValidationCase validationCase) {
        validationCase.check();
    }

    @Test
    void theCurlExampleOfTheReadmeGetsTheAnswerOfItsFixture() throws IOException {
        JsonNode example = new ObjectMapper().readTree(new File("examples/cassandracluster-scale-down-refused.json"));

        JsonNode response = Admission.post("/validate", example);

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/message").asText()).isEqualTo(
                ValidationCase.of("cases/cassandracluster.yaml", "cassandracluster-one-rack-3-to-1-refused").message());
    }

    @Test
    void aPolicyWithRuleParametersOutOfRangeIsRefusedWithEveryFieldPath() {
        new ValidationCase("guardrailpolicy-with-rule-parameters-out-of-range", false, """
                [malformed-object] GuardrailPolicy out-of-range is invalid: \
                spec.rules.minDcSize.minNodesPerDc: must be at least 1; \
                spec.rules.scaleDownStep.maxNodesRemovedPerRack: must be at least 1; \
                spec.rules.versionSkip.paths["4.x"]: must be a release line MAJOR.MINOR, e.g. 4.1; \
                spec.rules.versionSkip.paths["4.1"][0]: must be a release line MAJOR.MINOR above 4.1; \
                spec.rules.versionSkip.paths["4.1"][1]: must be a release line MAJOR.MINOR above 4.1
                Fix the object; malformed-object cannot be overridden.""", List.of()).check();
    }
}
