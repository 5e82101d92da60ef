package io.cassguard.service.audit;

import io.cassguard.engine.decision.Decision;
import io.cassguard.engine.fixtures.EngineFixtures;
import io.cassguard.engine.fixtures.Engines;
import io.cassguard.model.AdmissionRequest;
import io.cassguard.model.Verdict;
import io.cassguard.service.metrics.Meters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What the audit trail tells the webhook: whether a decision's record is on disk, as the decision needs it. */
class AuditRecorderTest {

    @TempDir
    Path directory;

    private final Meters meters = new Meters(new SimpleMeterRegistry());

    @Test
    void anOverrideIsOnDiskOnceItsRecordIsForcedThere() {
        AuditRecorder recorder = recorder(directory.resolve("audit.jsonl"));

        assertThat(recorder.validated(request("statefulset-delete-with-override"), decision("statefulset-delete-with-override")))
                .isTrue();
    }

    @Test
    void anOverrideWhoseRecordTheDiskRefusesIsNotOnDiskAndKeptNowhere() throws IOException {
        AuditStore store = store(Files.createFile(directory.resolve("occupied")).resolve("audit.jsonl"));
        AuditRecorder recorder = new AuditRecorder(store, events(), meters);
        Decision override = decision("statefulset-delete-with-override");
        assertThat(override.verdict()).isEqualTo(Verdict.OVERRIDDEN);

        assertThat(recorder.validated(request("statefulset-delete-with-override"), override)).isFalse();
        assertThat(store.newest(everything())).as("the webhook refuses it and records the refusal instead").isEmpty();
    }

    @Test
    void aDenialWhoseRecordTheDiskRefusesIsStillKeptInMemory() throws IOException {
        AuditStore store = store(Files.createFile(directory.resolve("occupied")).resolve("audit.jsonl"));
        AuditRecorder recorder = new AuditRecorder(store, events(), meters);

        assertThat(recorder.validated(request("statefulset-delete-unprotected"), decision("statefulset-delete-unprotected")))
                .isFalse();
        assertThat(store.newest(everything())).extracting(AuditRecord::decision).containsExactly(Verdict.DENIED);
    }

    @Test
    void aPlainAllowNeedsNoRecord() {
        AuditStore store = store(directory.resolve("audit.jsonl"));

        assertThat(new AuditRecorder(store, events(), meters).validated(request("statefulset-scale-down-4-to-3-allowed"),
                decision("statefulset-scale-down-4-to-3-allowed"))).isTrue();
        assertThat(store.newest(everything())).isEmpty();
    }

    private AuditRecorder recorder(Path file) {
        return new AuditRecorder(store(file), events(), meters);
    }

    private AuditStore store(Path file) {
        return new AuditStore(file, new MemorySize(BigInteger.valueOf(1_000_000)), 3, 100, meters);
    }

    /** Standalone: no Kubernetes Event is made. */
    private EventSink events() {
        return new EventSink(false, () -> null, meters, 1, "cassguard-test");
    }

    private static AdmissionRequest request(String fixture) {
        return EngineFixtures.admission(EngineFixtures.review(fixture));
    }

    private static Decision decision(String fixture) {
        return Engines.standalone().validation().validate(request(fixture));
    }

    private static AuditQuery everything() {
        return new AuditQuery(null, null, null, null, null, null, null, null, 100);
    }
}
