package io.cassguard.engine.mutations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.fixtures.EngineFixtures.MutationRun;
import io.cassguard.engine.fixtures.FixtureLiveState;
import io.fabric8.kubernetes.api.model.EnvVar;
import org.junit.jupiter.api.Test;

import static io.cassguard.engine.fixtures.EngineFixtures.inNamespace;
import static io.cassguard.engine.fixtures.EngineFixtures.seeds;
import static io.cassguard.engine.fixtures.EngineFixtures.mutation;
import static io.cassguard.engine.fixtures.EngineFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code seeds}: CASSANDRA_SEEDS from stable pod names of the datacenter's racks (through the whole engine:
 * SeedsFromSiblingRacksTest; through the webhook: SeedsWebhookTest).
 */
class SeedsMutationTest {

    private static final String MUTATION = "seeds";

    @Test
    void aLoneRackSeedsFromItsFirstThreePods() {
        MutationRun run = mutation(MUTATION, "statefulset-create-bare");

        assertThat(run.apply()).isTrue();
        assertThat(run.statefulSet().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .containsExactly(new EnvVar("CASSANDRA_SEEDS", "cassandra-0.cassandra.cassandra.svc.cluster.local,"
                        + "cassandra-1.cassandra.cassandra.svc.cluster.local,"
                        + "cassandra-2.cassandra.cassandra.svc.cluster.local", null));
    }

    @Test
    void aSeedIsNeverAPodTheRackDoesNotHave() {
        JsonNode review = review("statefulset-create-bare");
        ((ObjectNode) review.at("/request/object/spec")).put("replicas", 2);
        MutationRun run = mutation(MUTATION, review, LiveState.NONE);

        run.apply();

        assertThat(seeds(run.json()))
                .isEqualTo("cassandra-0.cassandra.cassandra.svc.cluster.local,cassandra-1.cassandra.cassandra.svc.cluster.local");
    }

    @Test
    void theSeedsAreInThePolicysClusterDomain() {
        SeedsMutation.Parameters parameters = new SeedsMutation.Parameters();
        parameters.clusterDomain = "k8s.example.org";
        JsonNode review = review("statefulset-create-bare");
        ((ObjectNode) review.at("/request/object/spec")).put("replicas", 1);
        MutationRun run = mutation(new SeedsMutation(), parameters, review);

        run.apply();

        assertThat(seeds(run.json())).isEqualTo("cassandra-0.cassandra.cassandra.svc.k8s.example.org");
    }

    @Test
    void withTheLiveStateTwoRacksGiveTheFirstTwoPodsOfEach() {
        JsonNode review = inNamespace(review("statefulset-create-shop-dc1-rack2"), "two-racks");
        MutationRun run = mutation(MUTATION, review, new FixtureLiveState());

        run.apply();

        assertThat(seeds(run.json())).isEqualTo("shop-dc1-rack1-0.cassandra.two-racks.svc.cluster.local,"
                + "shop-dc1-rack1-1.cassandra.two-racks.svc.cluster.local,"
                + "shop-dc1-rack2-0.cassandra.two-racks.svc.cluster.local,"
                + "shop-dc1-rack2-1.cassandra.two-racks.svc.cluster.local");
    }

    @Test
    void aManifestAppliedAgainKeepsTheSeedsItsPodsRunWith() {
        MutationRun run = mutation(MUTATION, "statefulset-update-reapplied-bare-manifest");

        assertThat(run.apply()).isTrue();
        assertThat(seeds(run.json())).isEqualTo("cassandra-0.cassandra.cassandra.svc.cluster.local");
    }

    @Test
    void keepsTheSeedsTheUserSet() {
        MutationRun run = mutation(MUTATION, "statefulset-create-with-everything-set");

        assertThat(run.apply()).isFalse();
        assertThat(seeds(run.json())).isEqualTo("cassandra-seed.example.internal");
    }
}
