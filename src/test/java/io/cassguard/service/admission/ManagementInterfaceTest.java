package io.cassguard.service.admission;

import io.cassguard.engine.policy.PolicyStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cassguard.support.Admission.management;
import static io.cassguard.support.Admission.validate;
import static io.cassguard.support.Metrics.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Health and metrics on the plain-HTTP management port (docs/webhook.md, docs/metrics.md). */
@QuarkusTest
class ManagementInterfaceTest {

    private static final String DENIED_DELETES = "cassguard_admission_requests_total{decision=\"denied\",kind=\"StatefulSet\","
            + "operation=\"DELETE\",webhook=\"validate\"}";
    private static final String TIMED_DELETES = "cassguard_admission_duration_seconds_count{kind=\"StatefulSet\","
            + "operation=\"DELETE\",webhook=\"validate\"}";
    private static final String DELETION_PROTECTION_DENIALS =
            "cassguard_rule_results_total{result=\"denied\",rule=\"deletion-protection\"}";

    @Inject
    PolicyStore store;

    @Test
    void livenessIsUp() {
        management().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessIsUpInStandaloneMode() {
        management().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsCountRequestsByWebhookKindOperationAndDecision() {
        double requests = value(DENIED_DELETES);
        double timed = value(TIMED_DELETES);
        double denials = value(DELETION_PROTECTION_DENIALS);

        validate("reviews/statefulset-delete-unprotected.yaml");

        assertThat(value(DENIED_DELETES)).isEqualTo(requests + 1);
        assertThat(value(TIMED_DELETES)).isEqualTo(timed + 1);
        assertThat(value(DELETION_PROTECTION_DENIALS)).isEqualTo(denials + 1);
    }

    @Test
    void answerTimesFallIntoThirteenBucketsFromOneMillisecondToTenSeconds() {
        validate("reviews/statefulset-delete-unprotected.yaml");

        String metrics = management().get("/q/metrics").asString();
        List<String> bounds = metrics.lines()
                .filter(line -> line.startsWith("cassguard_admission_duration_seconds_bucket{")
                        && line.contains("kind=\"StatefulSet\"") && line.contains("operation=\"DELETE\"")
                        && line.contains("webhook=\"validate\""))
                .map(line -> line.replaceAll(".*le=\"([^\"]+)\".*", "$1"))
                .toList();
        assertThat(bounds).containsExactly("0.001", "0.002", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5",
                "1.0", "2.5", "5.0", "10.0", "+Inf");
    }

    @Test
    void metricsCountThePoliciesInForce() {
        assertThat(value("cassguard_policies{state=\"active\"}")).isEqualTo(store.policies().size());
    }
}
