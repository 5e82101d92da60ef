package io.cassguard.engine.mutations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.engine.fixtures.EngineFixtures.MutationRun;
import org.junit.jupiter.api.Test;

import static io.cassguard.engine.fixtures.EngineFixtures.mutation;
import static io.cassguard.engine.fixtures.EngineFixtures.resource;
import static io.cassguard.engine.fixtures.EngineFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code drain-hook}: a preStop {@code nodetool drain} and a grace period long enough for it. */
class DrainHookMutationTest {

    private static final String MUTATION = "drain-hook";
    private static final String CONTAINER = "/spec/template/spec/containers/0";

    @Test
    void addsANodetoolDrainPreStopHookToTheCassandraContainer() {
        MutationRun run = mutation(MUTATION, "statefulset-create-bare");

        assertThat(run.apply()).isTrue();
        assertThat(run.json().at(CONTAINER + "/lifecycle"))
                .isEqualTo(resource("expected/statefulset-bare-mutated.yaml").at(CONTAINER + "/lifecycle"));
    }

    @Test
    void setsTheMinimumGracePeriodWhereNoneIsSet() {
        MutationRun run = mutation(MUTATION, "statefulset-create-bare");

        run.apply();

        assertThat(run.statefulSet().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(1800L);
    }

    @Test
    void raisesAShorterGracePeriodToTheMinimum() {
        JsonNode review = review("statefulset-create-bare");
        ((ObjectNode) review.at("/request/object/spec/template/spec")).put("terminationGracePeriodSeconds", 30);
        MutationRun run = mutation(new DrainHookMutation(), new DrainHookMutation.Parameters(), review);

        assertThat(run.apply()).isTrue();
        assertThat(run.statefulSet().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(1800L);
    }
}
