package io.cassguard.service.admission;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.cassguard.support.Admission.management;
import static io.cassguard.support.Admission.validate;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Health and metrics on the plain-HTTP management port (DESIGN §3, §11). */
@QuarkusTest
class ManagementInterfaceTest {

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
        validate("reviews/statefulset-delete-unprotected.yaml");

        management().get("/q/metrics").then().statusCode(200)
                .body(containsString("cassguard_admission_requests_total{decision=\"denied\",kind=\"StatefulSet\",operation=\"DELETE\",webhook=\"validate\"}"))
                .body(containsString("cassguard_admission_duration_seconds_bucket{kind=\"StatefulSet\",operation=\"DELETE\",webhook=\"validate\""))
                .body(containsString("cassguard_rule_results_total{result=\"denied\",rule=\"deletion-protection\"}"))
                .body(containsString("cassguard_policies{state=\"active\"}"));
    }
}
