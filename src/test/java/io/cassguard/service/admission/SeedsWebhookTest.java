package io.cassguard.service.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.cassguard.engine.fixtures.EngineFixtures.seeds;
import static io.cassguard.support.Admission.fixture;
import static io.cassguard.support.Admission.patched;
import static io.cassguard.support.Admission.post;
import static org.assertj.core.api.Assertions.assertThat;

/** Seeds of a lone rack, as in standalone mode where no sibling rack is known (siblings: SeedsFromSiblingRacksTest). */
@QuarkusTest
class SeedsWebhookTest {

    @Test
    void aLoneRackSeedsFromItsFirstThreePods() {
        JsonNode review = fixture("reviews/statefulset-create-bare.yaml");

        assertThat(seeds(patched(review, post("/mutate", review)))).isEqualTo(
                "cassandra-0.cassandra.cassandra.svc.cluster.local,"
                        + "cassandra-1.cassandra.cassandra.svc.cluster.local,"
                        + "cassandra-2.cassandra.cassandra.svc.cluster.local");
    }

    @Test
    void aSeedIsNeverAPodTheRackDoesNotHave() {
        JsonNode review = fixture("reviews/statefulset-create-bare.yaml");
        ((ObjectNode) review.at("/request/object/spec")).put("replicas", 2);

        assertThat(seeds(patched(review, post("/mutate", review)))).isEqualTo(
                "cassandra-0.cassandra.cassandra.svc.cluster.local,cassandra-1.cassandra.cassandra.svc.cluster.local");
    }

    @Test
    void seedsTheUserSetAreKept() {
        JsonNode review = fixture("reviews/statefulset-create-with-everything-set.yaml");

        assertThat(seeds(patched(review, post("/mutate", review)))).isEqualTo("cassandra-seed.example.internal");
    }
}
