package io.cassguard.service.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.support.Metrics;
import io.cassguard.support.UnwritableAuditLog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.cassguard.support.Admission.asUser;
import static io.cassguard.support.Admission.fixture;
import static io.cassguard.support.Admission.https;
import static io.cassguard.support.Admission.management;
import static io.cassguard.support.Admission.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

/**
 * The audit log cannot be written, for real (docs/audit.md): the file system refuses it ({@link UnwritableAuditLog}),
 * then gives it room again. Denials stay denials, an override is refused with {@code [audit-unavailable]}, the
 * replica is not ready meanwhile, and it is again once a write can succeed.
 */
@QuarkusTest
@TestProfile(UnwritableAuditLog.Profile.class)
class AuditLogUnwritableTest {

    private final List<String> stdout = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
            stdout.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void theLogCannotBeWritten() {
        UnwritableAuditLog.block();
        Logger.getLogger(AuditRecorder.LOG_CATEGORY).addHandler(capture);
    }

    @AfterEach
    void roomAgain() {
        Logger.getLogger(AuditRecorder.LOG_CATEGORY).removeHandler(capture);
        UnwritableAuditLog.unblock();
    }

    @Test
    void denialsStayDenialsOverridesAreRefusedAndTheReplicaIsNotReadyUntilTheLogCanBeWritten() {
        double failedBefore = Metrics.auditRecords("file", "failed");

        JsonNode denied = post("/validate", review("reviews/statefulset-delete-unprotected.yaml", "unwritable-log-user"));

        assertThat(denied.at("/allowed").asBoolean()).isFalse();
        assertThat(denied.at("/status/code").asInt()).isEqualTo(403);
        assertThat(Metrics.auditRecords("file", "failed")).isEqualTo(failedBefore + 1);
        String unwritten = denied.at("/uid").asText();
        assertThat(stdout).anyMatch(line -> line.contains(unwritten));
        https().get("/audit?user=unwritable-log-user&limit=1000").then().statusCode(200).body("uid", hasItem(unwritten));

        JsonNode override = post("/validate", review("reviews/statefulset-delete-with-override.yaml", "audit-root"));
        assertThat(override.at("/allowed").asBoolean()).isFalse();
        assertThat(override.at("/status/message").asText()).isEqualTo("[audit-unavailable] the override of"
                + " deletion-protection cannot be recorded: this replica cannot write its audit log; an override or"
                + " exemption is allowed only with its audit record on disk. Retry: another replica may answer");
        assertThat(stdout).anyMatch(line -> line.contains(override.at("/uid").asText()) && line.contains("\"denied\""));

        management().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'audit-log' }.status", org.hamcrest.Matchers.equalTo("DOWN"));

        UnwritableAuditLog.unblock();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> management().get("/q/health/ready").then()
                .body("checks.find { it.name == 'audit-log' }.status", org.hamcrest.Matchers.equalTo("UP")));
        JsonNode allowed = post("/validate", review("reviews/statefulset-delete-with-override.yaml", "audit-root"));
        assertThat(allowed.at("/allowed").asBoolean()).isTrue();
    }

    private static JsonNode review(String fixture, String user) {
        JsonNode review = asUser(fixture(fixture), user, "system:masters");
        ((ObjectNode) review.get("request")).put("uid", UUID.randomUUID().toString());
        return review;
    }
}
