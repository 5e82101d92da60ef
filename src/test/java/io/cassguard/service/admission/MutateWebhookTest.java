package io.cassguard.service.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.support.Admission;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.cassguard.engine.fixtures.EngineFixtures.seeds;
import static io.cassguard.support.Admission.fixture;
import static io.cassguard.support.Admission.mutate;
import static io.cassguard.support.Admission.patch;
import static io.cassguard.support.Admission.patched;
import static io.cassguard.support.Admission.post;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /mutate} over HTTPS: the JSON Patch, applied to the request's object, gives the expected object. */
@QuarkusTest
class MutateWebhookTest {

    @Test
    void aBareCassandraStatefulSetGetsAllFourInjections() {
        JsonNode review = fixture("reviews/statefulset-create-bare.yaml");

        JsonNode response = post("/mutate", review);

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(patched(review, response)).isEqualTo(fixture("expected/statefulset-bare-mutated.yaml"));
    }

    @Test
    void aRealisticHandWrittenStatefulSetKeepsEverythingItSetAndGainsWhatItLacks() {
        JsonNode review = fixture("reviews/statefulset-create-realistic.yaml");

        JsonNode response = post("/mutate", review);

        assertThat(patched(review, response)).isEqualTo(fixture("expected/statefulset-realistic-mutated.yaml"));
    }

    @Test
    void theManagedFieldsOfTheApiServerChangeNothingAndAreKept() {
        JsonNode review = fixture("reviews/statefulset-create-bare-with-managed-fields.yaml");

        JsonNode response = post("/mutate", review);

        assertThat(patch(response)).isEqualTo(patch(mutate("reviews/statefulset-create-bare.yaml")));
        assertThat(patched(review, response).at("/metadata/managedFields"))
                .isEqualTo(review.at("/request/object/metadata/managedFields"));
    }

    @Test
    void thePatchHasOnlyAddAndReplaceOperations() {
        JsonNode patch = patch(mutate("reviews/statefulset-create-realistic.yaml"));

        assertThat(patch).isNotEmpty();
        patch.forEach(op -> assertThat(op.path("op").asText()).isIn("add", "replace"));
    }

    @Test
    void aStatefulSetThatAlreadyHasEachItemIsNotPatched() {
        JsonNode response = mutate("reviews/statefulset-create-with-everything-set.yaml");

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("patch")).isFalse();
        assertThat(response.has("patchType")).isFalse();
    }

    @Test
    void mutatingTheMutatedObjectGivesNoPatch() {
        for (String fixture : new String[]{"reviews/statefulset-create-bare.yaml", "reviews/statefulset-create-realistic.yaml"}) {
            JsonNode review = fixture(fixture);
            JsonNode again = review.deepCopy();
            ((ObjectNode) again.get("request")).set("object", patched(review, post("/mutate", review)));

            JsonNode response = post("/mutate", again);

            assertThat(response.path("allowed").asBoolean()).as(fixture).isTrue();
            assertThat(response.has("patch")).as(fixture).isFalse();
        }
    }

    @Test
    void theExporterSidecarIsNeverTakenForTheCassandraContainer() {
        // The exporter's image (cassandra_exporter) looks like Cassandra's: the drain hook and the seeds must not
        // land on it when no other container is known to run Cassandra.
        JsonNode review = fixture("reviews/statefulset-create-labelled-custom-image.yaml");
        JsonNode once = patched(review, post("/mutate", review));
        JsonNode again = review.deepCopy();
        ((ObjectNode) again.get("request")).set("object", once);

        assertThat(once.at("/metadata/annotations/cassguard.io~1mutations").asText()).isEqualTo("anti-affinity,exporter");
        assertThat(post("/mutate", again).has("patch")).isFalse();
    }

    @Test
    void noExporterIsAddedWhereAContainerAlreadyListensOnItsPort() {
        JsonNode review = fixture("reviews/statefulset-create-management-api-on-8080.yaml");

        JsonNode mutated = patched(review, post("/mutate", review));

        assertThat(mutated.at("/spec/template/spec/containers").size()).isEqualTo(1);
        assertThat(mutated.at("/spec/template/metadata/annotations").isMissingNode()).isTrue();
        assertThat(mutated.at("/metadata/annotations/cassguard.io~1mutations").asText()).isEqualTo("anti-affinity,drain-hook,seeds");
    }

    @Test
    void aStatefulSetWithoutMetadataIsAnsweredWithoutAPatch() {
        JsonNode review = fixture("reviews/statefulset-create-bare.yaml");
        ((ObjectNode) review.at("/request/object")).remove("metadata");

        JsonNode response = post("/mutate", review);

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("patch")).isFalse();
    }

    @Test
    void aReappliedManifestLeavesThePodTemplateAsStoredSoNoPodRestarts() {
        JsonNode review = fixture("reviews/statefulset-update-reapplied-bare-manifest.yaml");

        JsonNode stored = patched(review, post("/mutate", review));

        assertThat(stored.at("/spec/template")).isEqualTo(review.at("/request/oldObject/spec/template"));
        assertThat(stored.at("/spec/replicas").asInt()).isEqualTo(3);
    }

    @Test
    void anUpdateThatLeavesThePodTemplateAsItWasInjectsNothingSoNoPodRestarts() {
        JsonNode response = mutate("reviews/statefulset-update-replicas-of-rack-made-before-cassguard.yaml");

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("patch")).isFalse();
    }

    @Test
    void onUpdateTheSeedsTheOldObjectHadAreCarriedOverUnchanged() {
        JsonNode review = fixture("reviews/statefulset-update-reapplied-bare-manifest.yaml");

        JsonNode stored = patched(review, post("/mutate", review));

        // Computed for 3 replicas it would name three pods; the running pods were started with one seed.
        assertThat(seeds(stored)).isEqualTo("cassandra-0.cassandra.cassandra.svc.cluster.local");
    }

    @Test
    void anObjectOptsOutOfSomeMutationsByAnnotation() {
        JsonNode review = fixture("reviews/statefulset-create-skipping-exporter-and-anti-affinity.yaml");

        JsonNode response = post("/mutate", review);

        assertThat(patched(review, response))
                .isEqualTo(fixture("expected/statefulset-skipping-exporter-and-anti-affinity-mutated.yaml"));
    }

    @Test
    void anObjectOptsOutOfAllMutationsByAnnotation() {
        JsonNode response = mutate("reviews/statefulset-create-skipping-all-mutations.yaml");

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("patch")).isFalse();
    }

    @Test
    void aStatefulSetOwnedByACassandraClusterIsNotPatched() {
        JsonNode response = mutate("reviews/statefulset-create-operator-owned.yaml");

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("patch")).isFalse();
    }

    @Test
    void aStatefulSetOfAnotherOperatorIsNotPatched() {
        JsonNode response = mutate("reviews/statefulset-create-cass-operator-owned.yaml");

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("patch")).isFalse();
        assertThat(response.has("warnings")).isFalse();
    }

    @Test
    void aGracePeriodTheUserChoseIsKeptAndAWarningSaysItIsBelowTheMinimum() {
        JsonNode review = fixture("reviews/statefulset-create-realistic.yaml");

        JsonNode response = post("/mutate", review);

        assertThat(patched(review, response).at("/spec/template/spec/terminationGracePeriodSeconds").asLong()).isEqualTo(60);
        assertThat(Admission.texts(response.path("warnings"))).containsExactly(
                "[drain-hook] terminationGracePeriodSeconds 60 < 1800: the pod may be killed before nodetool drain ends; kept as set");
    }

    @Test
    void theGracePeriodTheApiServerFilledInIsRaisedToTheMinimumWithoutAWarning() {
        JsonNode review = fixture("reviews/statefulset-create-grace-30-from-the-api-server.yaml");

        JsonNode response = post("/mutate", review);

        assertThat(patched(review, response).at("/spec/template/spec/terminationGracePeriodSeconds").asLong()).isEqualTo(1800);
        assertThat(response.has("warnings")).isFalse();
    }

    @Test
    void aStatefulSetThatDoesNotRunCassandraIsNotPatched() {
        JsonNode response = mutate("reviews/statefulset-create-not-cassandra.yaml");

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("patch")).isFalse();
    }

    @Test
    void anUnguardedKindIsNotPatched() {
        JsonNode response = mutate("reviews/configmap-create-unguarded.yaml");

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("patch")).isFalse();
    }
}
