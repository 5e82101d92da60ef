package io.cassguard.service.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cassguard.engine.fixtures.ValidationCase;
import io.cassguard.support.Admission;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone case tables ({@code cases/}) through {@code POST /validate} over HTTPS: the webhook answers each
 * fixture exactly as the engine decides it (CaseTablesTest), in the AdmissionReview envelope of a denial.
 */
@QuarkusTest
class CaseTablesOverHttpsTest {

    static List<ValidationCase> standalone() {
        return ValidationCase.standalone();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("standalone")
    void answers(ValidationCase validationCase) {
        Admission.check(validationCase);
    }

    @Test
    void aPolicyWithRuleParametersOutOfRangeIsRefusedWithEveryFieldPath() {
        Admission.check(ValidationCase.POLICY_OUT_OF_RANGE);
    }

    @Test
    void theCurlExampleOfTheReadmeGetsTheAnswerOfItsFixture() throws IOException {
        JsonNode example = new ObjectMapper().readTree(new File("examples/cassandracluster-scale-down-refused.json"));

        JsonNode response = Admission.post("/validate", example);

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/message").asText()).isEqualTo(
                ValidationCase.of("cases/cassandracluster.yaml", "cassandracluster-one-rack-3-to-1-refused").message());
    }
}
