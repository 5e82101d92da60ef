package io.cassguard.service.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.support.Metrics;
import io.cassguard.support.TinyAuditDisk;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The audit disk fills up (DESIGN §10), for real: the log is on a small tmpfs ({@link TinyAuditDisk}) that the test
 * fills with a file of its own, then empties again.
 */
@QuarkusTest
@TestProfile(TinyAuditDisk.Profile.class)
class AuditDiskFullTest {

    private static final Path FILLER = TinyAuditDisk.DIRECTORY.resolve("filler");

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
    void theDiskIsFull() throws IOException {
        assumeTrue(TinyAuditDisk.mounted(), "mounting a tmpfs for the audit log needs root with CAP_SYS_ADMIN");
        Logger.getLogger(AuditRecorder.LOG_CATEGORY).addHandler(capture);
        try (FileChannel filler = FileChannel.open(FILLER, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            while (true) {
                filler.write(ByteBuffer.allocate(4096));
            }
        } catch (IOException e) {
            assertThat(e).hasMessageContaining("No space left on device");
        }
    }

    @AfterEach
    void roomAgain() throws IOException {
        Logger.getLogger(AuditRecorder.LOG_CATEGORY).removeHandler(capture);
        Files.deleteIfExists(FILLER);
    }

    @Test
    void denialsStayDenialsOverridesAreRefusedAndTheReplicaIsNotReadyUntilThereIsRoom() {
        // a few records may still fit in the last page of the log; denials are answered 403 all the same
        double failedBefore = Metrics.auditRecords("file", "failed");
        List<String> denied = new ArrayList<>();
        while (Metrics.auditRecords("file", "failed") == failedBefore) {
            JsonNode answer = post("/validate", review("reviews/statefulset-delete-unprotected.yaml", "full-disk-user"));
            assertThat(answer.at("/allowed").asBoolean()).isFalse();
            assertThat(answer.at("/status/code").asInt()).isEqualTo(403);
            denied.add(answer.at("/uid").asText());
            assertThat(denied).as("records written to a full disk").hasSizeLessThan(50);
        }
        String unwritten = denied.get(denied.size() - 1);
        assertThat(stdout).anyMatch(line -> line.contains(unwritten));
        https().get("/audit?user=full-disk-user&limit=1000").then().statusCode(200).body("uid", hasItem(unwritten));

        JsonNode override = post("/validate", review("reviews/statefulset-delete-with-override.yaml", "audit-root"));
        assertThat(override.at("/allowed").asBoolean()).isFalse();
        assertThat(override.at("/status/message").asText()).startsWith("[audit-unavailable] the override of deletion-protection");
        assertThat(stdout).anyMatch(line -> line.contains(override.at("/uid").asText()) && line.contains("\"denied\""));

        management().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'audit-log' }.status", org.hamcrest.Matchers.equalTo("DOWN"));

        FILLER.toFile().delete();
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
