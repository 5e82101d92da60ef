package io.cassguard.engine.mutations;

import io.cassguard.engine.fixtures.EngineFixtures.MutationRun;
import org.junit.jupiter.api.Test;

import static io.cassguard.engine.fixtures.EngineFixtures.mutation;
import static io.cassguard.engine.fixtures.EngineFixtures.resource;
import static io.cassguard.engine.fixtures.EngineFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code anti-affinity}: the pods of one cluster spread over hosts, by the StatefulSet's own selector. */
class AntiAffinityMutationTest {

    private static final String MUTATION = "anti-affinity";
    private static final String AFFINITY = "/spec/template/spec/affinity";

    @Test
    void prefersOtherHostsByDefault() {
        MutationRun run = mutation(MUTATION, "statefulset-create-bare");

        assertThat(run.apply()).isTrue();
        assertThat(run.json().at(AFFINITY)).isEqualTo(resource("expected/affinity-soft.yaml"));
    }

    @Test
    void requiresOtherHostsInModeHard() {
        AntiAffinityMutation.Parameters hard = new AntiAffinityMutation.Parameters();
        hard.mode = "hard";
        MutationRun run = mutation(new AntiAffinityMutation(), hard, review("statefulset-create-bare"));

        assertThat(run.apply()).isTrue();
        assertThat(run.json().at(AFFINITY)).isEqualTo(resource("expected/affinity-hard.yaml"));
    }

    @Test
    void spreadsEveryRackOfACassKopClusterNotOnlyOneRack() {
        MutationRun run = mutation(MUTATION, "statefulset-create-operator-owned");

        run.apply();

        assertThat(run.json().at(AFFINITY + "/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0"
                + "/podAffinityTerm/labelSelector/matchLabels").toString())
                .isEqualTo("{\"app\":\"cassandracluster\",\"cassandracluster\":\"shop\"}");
    }
}
