package io.cassguard.service.audit;

import io.cassguard.service.metrics.Meters;
import io.cassguard.model.Operation;
import io.cassguard.model.Verdict;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The history behind {@code /audit}: recent records from memory, older ones from the files, the same answers. */
class AuditStoreTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final int IN_MEMORY = 3;

    @TempDir
    Path directory;

    private final MeterRegistry metrics = new SimpleMeterRegistry();

    @Test
    void recordsOlderThanWhatMemoryHoldsAreReadFromTheFiles() {
        AuditStore store = store(directory.resolve("audit.jsonl"));
        appendRacks(store, 5);

        assertThat(names(store.newest(query(null, 10)))).containsExactly("rack-5", "rack-4", "rack-3", "rack-2", "rack-1");
        assertThat(names(store.newest(query(null, 2)))).containsExactly("rack-5", "rack-4");
        assertThat(names(store.newest(query(minutes(2.5), 10)))).containsExactly("rack-5", "rack-4", "rack-3");
        assertThat(names(store.newest(query(minutes(3.5), 10)))).containsExactly("rack-5", "rack-4");
        List<String> scanned = new ArrayList<>();
        store.scan(query(null, 1), record -> scanned.add(record.name()));
        assertThat(scanned).as("a scan ignores the limit, oldest first").containsExactly("rack-1", "rack-2", "rack-3", "rack-4", "rack-5");
    }

    @Test
    void aRestartShowsTheEarlierRecords() {
        appendRacks(store(directory.resolve("audit.jsonl")), 5);

        AuditStore restarted = store(directory.resolve("audit.jsonl"));

        assertThat(names(restarted.newest(query(null, 10)))).containsExactly("rack-5", "rack-4", "rack-3", "rack-2", "rack-1");
        assertThat(names(restarted.newest(query(minutes(3.5), 10)))).containsExactly("rack-5", "rack-4");
    }

    @Test
    void aRecordTheDiskRefusesIsCountedAndStillShown() throws IOException {
        Path notADirectory = Files.createFile(directory.resolve("occupied"));
        AuditStore store = store(notADirectory.resolve("audit.jsonl"));

        appendRacks(store, 1);

        assertThat(metrics.counter("cassguard.audit.records", "sink", "file", "outcome", "failed").count()).isEqualTo(1);
        assertThat(metrics.counter("cassguard.audit.records", "sink", "file", "outcome", "written").count()).isZero();
        assertThat(names(store.newest(query(null, 10)))).containsExactly("rack-1");
    }

    @Test
    void afterAFailedWriteOnlyARecordForcedToDiskShowsThatTheDiskWorksAgain() throws IOException {
        Path occupied = Files.createFile(directory.resolve("occupied"));
        AuditStore store = store(occupied.resolve("audit.jsonl"));
        store.write(record(1, Verdict.DENIED), AuditFormats.json(record(1, Verdict.DENIED)));
        assertThat(store.failure()).isNotNull();
        Files.delete(occupied);
        Files.createDirectory(occupied);

        assertThat(store.write(record(2, Verdict.MUTATED), AuditFormats.json(record(2, Verdict.MUTATED)))).isTrue();
        assertThat(store.failure()).as("a line in the page cache proves nothing about the disk").isNotNull();

        assertThat(store.write(record(3, Verdict.DENIED), AuditFormats.json(record(3, Verdict.DENIED)))).isTrue();
        assertThat(store.failure()).isNull();
    }

    private AuditStore store(Path file) {
        return new AuditStore(file, new MemorySize(BigInteger.valueOf(1_000_000)), 3, IN_MEMORY, new Meters(metrics));
    }

    /** rack-1 to rack-n, one minute apart. */
    private static void appendRacks(AuditStore store, int count) {
        for (int i = 1; i <= count; i++) {
            AuditRecord record = record(i, Verdict.DENIED);
            store.write(record, AuditFormats.json(record));
            store.remember(record);
        }
    }

    /** rack-i, i minutes after the start. */
    private static AuditRecord record(int i, Verdict decision) {
        return new AuditRecord(START.plus(Duration.ofMinutes(i)), "uid-" + i, Operation.DELETE,
                "StatefulSet", "", "cassandra", "rack-" + i, "bob", List.of(), decision,
                List.of("deletion-protection"), List.of("[deletion-protection] protected"), false, "default", null, null);
    }

    private static Instant minutes(double minutes) {
        return START.plusSeconds((long) (minutes * 60));
    }

    private static AuditQuery query(Instant since, int limit) {
        return new AuditQuery(null, null, null, null, null, null, since, null, limit);
    }

    private static List<String> names(List<AuditRecord> records) {
        return records.stream().map(AuditRecord::name).toList();
    }
}
