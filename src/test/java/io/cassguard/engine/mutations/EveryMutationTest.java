package io.cassguard.engine.mutations;

import io.cassguard.engine.policy.Catalog;
import io.cassguard.engine.fixtures.EngineFixtures.MutationRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static io.cassguard.engine.fixtures.EngineFixtures.mutation;
import static org.assertj.core.api.Assertions.assertThat;

/** What every mutation of the catalog promises (docs/rules.md): it adds only what is absent, so a second run adds nothing. */
class EveryMutationTest {

    static List<String> mutations() {
        return Catalog.standard().mutations().stream().map(Mutation::id).toList();
    }

    @ParameterizedTest
    @MethodSource("mutations")
    void applyingAgainAddsNothing(String id) {
        MutationRun run = mutation(id, "statefulset-create-bare");

        assertThat(run.apply()).as("the first run adds something").isTrue();
        assertThat(run.changesNothing()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("mutations")
    void changesNothingTheUserAlreadySet(String id) {
        assertThat(mutation(id, "statefulset-create-with-everything-set").changesNothing()).isTrue();
    }
}
