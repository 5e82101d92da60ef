package io.cassguard.mutations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

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
    void aBareCassandraStatefulSetIsPatchedToTheExpectedObject() {
        JsonNode review = fixture("reviews/statefulset-create-bare.yaml");

        JsonNode response = post("/mutate", review);

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(patched(review, response)).isEqualTo(fixture("expected/statefulset-bare-mutated.yaml"));
    }

    @Test
    void thePatchHasOnlyAddAndReplaceOperations() {
        JsonNode patch = patch(mutate("reviews/statefulset-create-bare.yaml"));

        assertThat(patch).isNotEmpty();
        patch.forEach(op -> assertThat(op.path("op").asText()).isIn("add", "replace"));
    }

    @Test
    void mutatingTheMutatedObjectGivesNoPatch() {
        JsonNode review = fixture("reviews/statefulset-create-bare.yaml");
        JsonNode once = patched(review, post("/mutate", review));
        ObjectNode again = review.deepCopy();
        ((ObjectNode) again.get("request")).set("object", once);

        JsonNode response = post("/mutate", again);

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("patch")).isFalse();
        assertThat(response.has("patchType")).isFalse();
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
