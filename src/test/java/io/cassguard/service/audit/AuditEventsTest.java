package io.cassguard.service.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.cassguard.model.Verdict;
import io.cassguard.support.InCluster;
import io.cassguard.support.KubernetesApiMock;
import io.cassguard.support.TestEnvironment;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.cassguard.support.Admission.asUser;
import static io.cassguard.support.Admission.fixture;
import static io.cassguard.support.Admission.post;
import static io.cassguard.support.Metrics.auditRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In-cluster, denials and used overrides become Kubernetes Events on the object (docs/audit.md), sent in the background
 * to the fabric8 mock API server; a full queue drops Events and never holds up an answer.
 */
@QuarkusTest
@TestProfile(InCluster.class)
class AuditEventsTest {

    private static final String DELETE_REFUSED = "[deletion-protection] StatefulSet cassandra/cassandra-dc1-rack1 is protected"
            + " against deletion; to delete it, first run: kubectl annotate statefulset cassandra-dc1-rack1 -n cassandra"
            + " cassguard.io/allow-delete=true";

    @KubernetesApiMock.Server
    KubernetesMockServer api;

    @AfterEach
    void forgetExpectations() {
        api.clearExpectations();
    }

    @Test
    void aDenialBecomesAWarningEventOnTheObject() {
        post("/validate", asUser(fixture("reviews/statefulset-delete-unprotected.yaml"), "events-denied", "g"));

        Event event = eventOf("cassandra", "events-denied");
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getReason()).isEqualTo("GuardrailDenied");
        assertThat(event.getAction()).isEqualTo("DELETE");
        assertThat(event.getMessage()).isEqualTo("DELETE by events-denied refused: " + DELETE_REFUSED);
        assertThat(event.getInvolvedObject().getApiVersion()).isEqualTo("apps/v1");
        assertThat(event.getInvolvedObject().getKind()).isEqualTo("StatefulSet");
        assertThat(event.getInvolvedObject().getNamespace()).isEqualTo("cassandra");
        assertThat(event.getInvolvedObject().getName()).isEqualTo("cassandra-dc1-rack1");
        assertThat(event.getMetadata().getName()).startsWith("cassandra-dc1-rack1.");
        assertThat(event.getSource().getComponent()).isEqualTo("cassguard");
        assertThat(event.getReportingComponent()).isEqualTo("cassguard");
        assertThat(event.getCount()).isEqualTo(1);
        assertThat(event.getFirstTimestamp()).isEqualTo(event.getLastTimestamp()).isNotBlank();
    }

    @Test
    void aDenialsEventCarriesItsAuditRecordAndTheRulesThatRefused() {
        JsonNode review = asUser(fixture("reviews/statefulset-delete-unprotected.yaml"), "events-record", "g");
        post("/validate", review);

        Event event = eventOf("cassandra", "events-record");
        assertThat(event.getMetadata().getLabels()).containsEntry("cassguard.io/decision", "denied");
        assertThat(event.getMetadata().getAnnotations()).containsEntry("cassguard.io/denied-rules", "deletion-protection");
        AuditRecord record = EventSink.recordOf(event).orElseThrow();
        assertThat(record.uid()).isEqualTo(review.at("/request/uid").asText());
        assertThat(record.user()).isEqualTo("events-record");
        assertThat(record.decision()).isEqualTo(Verdict.DENIED);
        assertThat(record.messages()).containsExactly(DELETE_REFUSED);
    }

    @Test
    void aUsedOverrideBecomesAGuardrailOverriddenEvent() {
        post("/validate", asUser(fixture("reviews/statefulset-delete-with-override.yaml"), "events-root", "system:masters"));

        Event event = eventOf("team-a", "events-root");
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getReason()).isEqualTo("GuardrailOverridden");
        assertThat(event.getMessage()).isEqualTo("DELETE by events-root allowed by override: [deletion-protection]"
                + " overridden by events-root: rack rebuilt from backup, INC-4711");
    }

    @Test
    void aDryRunIsRecordedButMakesNoEvent() throws IOException {
        post("/validate", asUser(fixture("reviews/statefulset-delete-unprotected-dry-run.yaml"), "events-dry-run", "g"));
        post("/validate", asUser(fixture("reviews/statefulset-delete-unprotected.yaml"), "events-after-dry-run", "g"));

        // Events go out in order: once the later one is there, the dry run's would be too
        eventOf("cassandra", "events-after-dry-run");
        assertThat(events("cassandra")).noneMatch(event -> event.getMessage().contains("events-dry-run"));
        assertThat(Files.readAllLines(TestEnvironment.AUDIT_LOG))
                .anyMatch(line -> line.contains("\"user\":\"events-dry-run\"") && line.contains("\"dryRun\":true"));
    }

    @Test
    void whenTheQueueIsFullEventsAreDroppedWithoutHoldingUpAdmission() throws InterruptedException {
        CountDownLatch apiAnswers = new CountDownLatch(1);
        api.expect().post().withPath("/api/v1/namespaces/cassandra/events").andReply(201, request -> {
            awaitQuietly(apiAnswers); // a stalled API server: the first Event hangs here
            return Serialization.unmarshal(request.getUtf8Body(), Event.class);
        }).always();
        double dropped = auditRecords("event", "dropped");
        double written = auditRecords("event", "written");
        int denials = 5;

        long start = System.nanoTime();
        for (int i = 0; i < denials; i++) {
            assertThat(post("/validate", asUser(fixture("reviews/statefulset-delete-unprotected.yaml"), "events-stalled", "g"))
                    .path("allowed").asBoolean()).isFalse();
        }
        Duration answering = Duration.ofNanos(System.nanoTime() - start);
        double droppedWhileStalled = auditRecords("event", "dropped") - dropped;
        apiAnswers.countDown();

        assertThat(answering).as("the denials did not wait for the stalled API server").isLessThan(Duration.ofSeconds(15));
        // one Event is being sent, the queue holds the next, the rest are dropped
        assertThat(droppedWhileStalled).isEqualTo(denials - 1 - InCluster.EVENT_QUEUE_SIZE);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(auditRecords("event", "written") - written).isEqualTo(1 + InCluster.EVENT_QUEUE_SIZE));
    }

    private Event eventOf(String namespace, String user) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> events(namespace).stream().filter(e -> e.getMessage().contains(" by " + user + " ")).toList(),
                found -> found.size() == 1).get(0);
    }

    private List<Event> events(String namespace) {
        try (KubernetesClient client = api.createClient()) {
            return client.v1().events().inNamespace(namespace).list().getItems();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
