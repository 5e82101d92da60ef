package io.cassguard.engine.rules;

import io.cassguard.support.LiveStateProfile;
import io.cassguard.support.ValidationCase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

/**
 * The guardrails when the controller runs: sibling racks of the same cluster and datacenter and the ClusterState come
 * from the live state ({@code live-state/namespace-live.yaml}). Exact answers in {@code cases/live-state.yaml}.
 */
@QuarkusTest
@TestProfile(LiveStateProfile.class)
class LiveStateRulesTest {

    static List<ValidationCase> cases() {
        return ValidationCase.table("cases/live-state.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answers(ValidationCase validationCase) {
        validationCase.check();
    }
}
