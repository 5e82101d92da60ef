package io.cassguard.service.admission;

import io.cassguard.engine.fixtures.ValidationCase;
import io.cassguard.support.Admission;
import io.cassguard.support.LiveStateProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

/**
 * The live-state case table through {@code POST /validate} over HTTPS, with the webhook reading the live state as the
 * controller's caches would hold it ({@code live-state/namespace-live.yaml}): sibling racks and ClusterStates decide.
 */
@QuarkusTest
@TestProfile(LiveStateProfile.class)
class LiveStateCasesOverHttpsTest {

    static List<ValidationCase> cases() {
        return ValidationCase.table(ValidationCase.LIVE_STATE_TABLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answers(ValidationCase validationCase) {
        Admission.check(validationCase);
    }
}
