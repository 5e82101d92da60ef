package io.cassguard.engine.decision;

import io.cassguard.engine.fixtures.Engines;
import io.cassguard.engine.fixtures.ValidationCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

/**
 * The exact answer to every fixture of the case tables ({@code cases/}), decided by the plain engine as the webhook
 * decides it, with the shipped and the test policies. The same tables go over HTTPS in the webhook's contract tests.
 */
class CaseTablesTest {

    static List<ValidationCase> standalone() {
        return ValidationCase.standalone();
    }

    /** The sibling racks and the ClusterStates of live-state/namespace-live.yaml, as the controller's caches hold them. */
    static List<ValidationCase> withLiveState() {
        return ValidationCase.table(ValidationCase.LIVE_STATE_TABLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("standalone")
    void standaloneAnswers(ValidationCase validationCase) {
        validationCase.checkOn(Engines.standalone());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withLiveState")
    void answersWithTheControllersLiveState(ValidationCase validationCase) {
        validationCase.checkOn(Engines.withFixtureLiveState());
    }

    @Test
    void aPolicyWithRuleParametersOutOfRangeIsRefusedWithEveryFieldPath() {
        ValidationCase.POLICY_OUT_OF_RANGE.checkOn(Engines.standalone());
    }
}
