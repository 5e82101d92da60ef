package io.cassguard.service.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.service.audit.EventSink;
import io.cassguard.service.kubernetes.KubernetesCaches;
import io.cassguard.support.InCluster;
import io.cassguard.support.KubernetesApiMock;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

import static io.cassguard.service.controller.LiveClusterStateTest.CACHE_DELAY;
import static io.cassguard.support.Admission.fixture;
import static io.cassguard.engine.fixtures.EngineFixtures.inNamespace;
import static io.cassguard.support.Admission.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The leader keeps one PolicyReport per namespace: background results and recent denials (docs/architecture.md). */
@QuarkusTest
@TestProfile(InCluster.class)
class PolicyReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @KubernetesApiMock.Api
    KubernetesApiMock api;

    @KubernetesApiMock.Server
    KubernetesMockServer server;

    @Inject
    KubernetesCaches caches;

    @AfterEach
    void forgetExpectations() {
        server.clearExpectations();
    }

    @Test
    void aDenialIsReportedInTheNamespaceOfItsObject() {
        JsonNode review = inNamespace(fixture("reviews/statefulset-delete-unprotected.yaml"), "report-denial");
        assertThat(post("/validate", review).path("allowed").asBoolean()).isFalse();

        await().atMost(CACHE_DELAY).until(() -> api.policyReport("report-denial") != null);
        GenericKubernetesResource report = api.policyReport("report-denial");
        assertThat(report.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "cassguard");
        ObjectNode content = content(report);
        JsonNode result = content.path("results").get(0);
        assertThat(result.path("properties").path("admissionUid").asText()).isEqualTo(review.path("request").path("uid").asText());
        ((ObjectNode) result.path("properties")).put("admissionUid", "the review's uid");
        assertThat(Instant.ofEpochSecond(((ObjectNode) result).remove("timestamp").path("seconds").asLong()))
                .isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(content).isEqualTo(fixture("expected/policyreport-one-denial.yaml"));
    }

    @Test
    void aReportIsNotRewrittenWhenNothingInItsNamespaceChanged() {
        post("/validate", inNamespace(fixture("reviews/statefulset-delete-unprotected.yaml"), "report-steady"));
        await().atMost(CACHE_DELAY).until(() -> api.policyReport("report-steady") != null);
        String written = api.policyReport("report-steady").getMetadata().getResourceVersion();

        // A denial in another namespace makes the leader reconcile every report; its own report shows the pass has run.
        post("/validate", inNamespace(fixture("reviews/statefulset-delete-unprotected.yaml"), "report-steady-other"));
        await().atMost(CACHE_DELAY).until(() -> api.policyReport("report-steady-other") != null);

        assertThat(api.policyReport("report-steady").getMetadata().getResourceVersion()).isEqualTo(written);
        assertThat(api.writes()).filteredOn(write -> write.contains("/namespaces/report-steady/policyreports"))
                .containsExactly("POST /apis/wgpolicyk8s.io/v1alpha2/namespaces/report-steady/policyreports");
    }

    @Test
    void theDenialsAnsweredByAnotherReplicaAreReportedFromItsEvents() {
        api.create("live/event-denial-by-another-replica.yaml", "report-replicas");

        await().atMost(CACHE_DELAY).until(() -> api.policyReport("report-replicas") != null);
        assertThat(content(api.policyReport("report-replicas")).path("results"))
                .isEqualTo(fixture("expected/policyreport-denials-of-another-replica.yaml"));
    }

    @Test
    void aNamespaceWhoseReportTheApiServerRefusesHoldsBackNoOther() {
        server.expect().post().withPath("/apis/wgpolicyk8s.io/v1alpha2/namespaces/report-a-refused/policyreports")
                .andReturn(403, "exceeded quota: policyreports").always();
        api.create("live/event-denial-by-another-replica.yaml", "report-a-refused");
        api.create("live/event-denial-by-another-replica.yaml", "report-z-beside-refused");

        await().atMost(CACHE_DELAY).until(() -> api.policyReport("report-z-beside-refused") != null);
        assertThat(api.policyReport("report-a-refused")).isNull();
    }

    @Test
    void aNamespaceBeingDeletedGetsNoReport() {
        api.client().resource(new NamespaceBuilder().withNewMetadata().withName("report-a-terminating").endMetadata()
                .withNewStatus().withPhase("Terminating").endStatus().build()).create();
        await().atMost(CACHE_DELAY).until(() -> caches.terminating("report-a-terminating"));
        api.create("live/event-denial-by-another-replica.yaml", "report-a-terminating");
        // a later denial elsewhere: once its report is there, the pass that could have written the first has run
        api.create("live/event-denial-by-another-replica.yaml", "report-z-beside-terminating");

        await().atMost(CACHE_DELAY).until(() -> api.policyReport("report-z-beside-terminating") != null);
        assertThat(api.writes()).noneMatch(write -> write.contains("/namespaces/report-a-terminating/policyreports"));
    }

    @Test
    void aReportHoldsTheNewestThousandResults() {
        Event template = KubernetesApiMock.load("live/event-denial-by-another-replica.yaml");
        String record = template.getMetadata().getAnnotations().get(EventSink.RECORD_ANNOTATION);
        template.getMetadata().getAnnotations().put(EventSink.DENIED_RULES_ANNOTATION, "scale-down-step");
        Instant first = Instant.parse("2026-11-23T10:00:00Z");
        for (int i = 0; i <= 1000; i++) {
            template.getMetadata().setName("orders-dc1-rack1.denial-" + i);
            template.getMetadata().getAnnotations().put(EventSink.RECORD_ANNOTATION, record
                    .replace("5b7e0c2a-0000-4000-8000-00000000abcd", "denial-" + i)
                    .replace("2026-11-23T10:15:30.250Z", first.plusSeconds(i).toString()));
            api.client().v1().events().inNamespace("report-bounded").resource(template).create();
        }

        await().atMost(CACHE_DELAY).until(() -> api.policyReport("report-bounded") != null
                && content(api.policyReport("report-bounded")).path("results").size() == 1000);
        List<String> uids = StreamSupport.stream(content(api.policyReport("report-bounded")).path("results").spliterator(), false)
                .map(result -> result.path("properties").path("admissionUid").asText()).toList();
        assertThat(uids.get(0)).isEqualTo("denial-1000");
        assertThat(uids.get(999)).isEqualTo("denial-1");
        assertThat(content(api.policyReport("report-bounded")).path("summary").path("fail").asInt()).isEqualTo(1000);
    }

    @Test
    void backgroundChecksReportAnUnpinnedImageAndADatacenterBelowItsMinimum() {
        StatefulSet rack = api.create("live/tiny-dc1-rack1-latest.yaml", "report-background");

        await().atMost(CACHE_DELAY).until(() -> api.policyReport("report-background") != null);
        ObjectNode content = content(api.policyReport("report-background"));
        content.path("results").forEach(result -> {
            assertThat(((ObjectNode) result).remove("timestamp")).isNotNull();
            ObjectNode resource = (ObjectNode) result.path("resources").get(0);
            assertThat(resource.remove("uid").asText()).isEqualTo(rack.getMetadata().getUid());
        });
        assertThat(content).isEqualTo(fixture("expected/policyreport-tiny-unpinned-below-minimum.yaml"));
    }

    @Test
    void racksLeftOnDifferentVersionsAreAWarning() {
        api.create("live/orders-rack1-ready.yaml", "report-mixed");
        api.create("live/orders-rack2-on-4.0.yaml", "report-mixed");

        await().atMost(CACHE_DELAY).until(() -> api.policyReport("report-mixed") != null
                && content(api.policyReport("report-mixed")).path("summary").path("warn").asInt() == 2);
        JsonNode warning = StreamSupport.stream(content(api.policyReport("report-mixed")).path("results").spliterator(), false)
                .filter(result -> result.path("result").asText().equals("warn")).findFirst().orElseThrow();
        assertThat(warning.path("rule").asText()).isEqualTo("unhealthy-cluster");
        assertThat(warning.path("message").asText()).isEqualTo("the racks of dc dc1 run different Cassandra versions"
                + " {orders-dc1-rack1=[4.1.5], orders-dc1-rack2=[4.0.13]} and none is rolling out; finish the upgrade"
                + " (or the rollback) of every rack");
    }

    /** What a PolicyReport says: its summary and results. */
    private static ObjectNode content(GenericKubernetesResource report) {
        ObjectNode content = JSON.createObjectNode();
        content.set("summary", JSON.valueToTree(report.getAdditionalProperties().get("summary")));
        content.set("results", JSON.valueToTree(report.getAdditionalProperties().get("results")));
        return content;
    }
}
