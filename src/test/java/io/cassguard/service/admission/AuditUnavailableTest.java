package io.cassguard.service.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cassguard.engine.decision.Decision;
import io.cassguard.engine.decision.MutationEngine;
import io.cassguard.engine.fixtures.EngineFixtures;
import io.cassguard.engine.fixtures.Engines;
import io.cassguard.model.AdmissionRequest;
import io.cassguard.model.AdmissionReviewReader;
import io.cassguard.model.Verdict;
import io.cassguard.service.metrics.Meters;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook answers an override or an exemption only once its audit record is on disk, without Quarkus: the
 * endpoint with the real engine and an audit trail that cannot write ({@link DecisionLog} says no record is on disk).
 */
class AuditUnavailableTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keeps what it is given and writes nothing to disk. */
    private static final class LogThatCannotWrite implements DecisionLog {

        final List<Verdict> recorded = new ArrayList<>();

        @Override
        public boolean validated(AdmissionRequest request, Decision decision) {
            recorded.add(decision.verdict());
            return false;
        }

        @Override
        public void mutated(AdmissionRequest request, MutationEngine.Result result) {
        }
    }

    private final LogThatCannotWrite log = new LogThatCannotWrite();
    private final AdmissionEndpoint endpoint = new AdmissionEndpoint(new AdmissionReviewReader(JSON, 100),
            Engines.standalone().validation(), Engines.standalone().mutation(), log, new Meters(new SimpleMeterRegistry()));

    @Test
    void anOverrideWhoseRecordIsNotOnDiskIsRefusedAndTheRefusalIsRecorded() {
        AdmissionReview answer = validate("reviews/statefulset-delete-with-override.yaml");

        assertThat(answer.getResponse().getAllowed()).isFalse();
        assertThat(answer.getResponse().getStatus().getCode()).isEqualTo(403);
        assertThat(answer.getResponse().getStatus().getMessage()).isEqualTo("[audit-unavailable] the override of"
                + " deletion-protection cannot be recorded: this replica cannot write its audit log; an override or"
                + " exemption is allowed only with its audit record on disk. Retry: another replica may answer");
        assertThat(log.recorded).containsExactly(Verdict.OVERRIDDEN, Verdict.DENIED);
    }

    @Test
    void anExemptionWhoseRecordIsNotOnDiskIsRefused() {
        AdmissionReview answer = validate("reviews/cassandracluster-scale-down-by-exempt-operator.yaml");

        assertThat(answer.getResponse().getAllowed()).isFalse();
        assertThat(answer.getResponse().getStatus().getMessage()).startsWith("[audit-unavailable] the exemption of this"
                + " user from policy ");
        assertThat(log.recorded).containsExactly(Verdict.EXEMPTED, Verdict.DENIED);
    }

    @Test
    void aDenialIsStillADenialWhenItsRecordIsNotOnDisk() {
        AdmissionReview answer = validate("reviews/statefulset-delete-unprotected.yaml");

        assertThat(answer.getResponse().getAllowed()).isFalse();
        assertThat(answer.getResponse().getStatus().getMessage()).startsWith("[deletion-protection] ");
        assertThat(log.recorded).containsExactly(Verdict.DENIED);
    }

    private AdmissionReview validate(String fixture) {
        byte[] body = EngineFixtures.resource(fixture).toString().getBytes(StandardCharsets.UTF_8);
        AdmissionEndpoint.Reply reply = endpoint.validate(body).await().indefinitely();
        assertThat(reply.status()).isEqualTo(200);
        return (AdmissionReview) reply.body();
    }
}
