package io.cassguard.service.audit;

import io.cassguard.model.Operation;
import io.cassguard.model.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit log on disk: JSON lines, size rotation, reading after a crash and after a restart. */
class AuditFileTest {

    /** Every test record's line has this length: their names differ only in digits. */
    private static final long LINE_LENGTH = (AuditFormats.json(record("rack-01")) + "\n").getBytes(StandardCharsets.UTF_8).length;

    @TempDir
    Path directory;

    @Test
    void recordsAreReadBackOldestFirstAfterARestart() throws IOException {
        Path path = directory.resolve("audit.jsonl");
        AuditFile after = restartedAfter(path, "rack-01", "rack-02");
        append(after, "rack-03");

        assertThat(names(after)).containsExactly("rack-01", "rack-02", "rack-03");
        assertThat(Files.readAllLines(path)).hasSize(3).allSatisfy(line -> assertThat(AuditFormats.read(line)).isNotNull());
    }

    @Test
    void aFullFileIsRotatedAndOnlyMaxFilesAreKept() throws IOException {
        Path path = directory.resolve("audit.jsonl");

        AuditFile file = tenRecordsInFilesOfThree(path);

        assertThat(file.files()).containsExactly(directory.resolve("audit.jsonl.2"), directory.resolve("audit.jsonl.1"), path);
        assertThat(Files.exists(directory.resolve("audit.jsonl.3"))).isFalse();
        assertThat(Files.size(directory.resolve("audit.jsonl.2"))).isEqualTo(3 * LINE_LENGTH);
        assertThat(Files.size(directory.resolve("audit.jsonl.1"))).isEqualTo(3 * LINE_LENGTH);
        assertThat(Files.size(path)).isEqualTo(LINE_LENGTH);
        assertThat(names(file)).containsExactly("rack-04", "rack-05", "rack-06", "rack-07", "rack-08", "rack-09", "rack-10");
    }

    @Test
    void theNewestRecordsAreReadFromTheNewestFilesOnly() throws IOException {
        AuditFile file = tenRecordsInFilesOfThree(directory.resolve("audit.jsonl"));

        AuditFile.Tail newest = file.tail(2);
        AuditFile.Tail all = file.tail(100);

        assertThat(newest.records()).extracting(AuditRecord::name).containsExactly("rack-07", "rack-08", "rack-09", "rack-10");
        assertThat(newest.complete()).isFalse();
        assertThat(all.records()).extracting(AuditRecord::name).containsExactly("rack-04", "rack-05", "rack-06", "rack-07",
                "rack-08", "rack-09", "rack-10");
        assertThat(all.complete()).isTrue();
    }

    @Test
    void aLineTornByACrashIsSkippedAndTheNextRecordStartsOnItsOwnLine() throws IOException {
        Path path = directory.resolve("audit.jsonl");
        restartedAfter(path, "rack-01", "rack-02").close();
        Files.writeString(path, "{\"time\":\"2026-01-10T08:05:00.000Z\",\"uid\":\"9d3f", StandardOpenOption.APPEND);

        AuditFile after = new AuditFile(path, 1_000_000, 3);
        List<String> names = new ArrayList<>();
        assertThat(after.read(record -> names.add(record.name()))).as("lines skipped").isEqualTo(1);
        assertThat(names).containsExactly("rack-01", "rack-02");

        append(after, "rack-03");

        assertThat(names(after)).containsExactly("rack-01", "rack-02", "rack-03");
        assertThat(Files.readAllLines(path)).hasSize(4);
    }

    /** rack-01 to rack-10 in a log whose files hold three records each, three files kept. */
    private static AuditFile tenRecordsInFilesOfThree(Path path) throws IOException {
        AuditFile file = new AuditFile(path, 3 * LINE_LENGTH, 3);
        append(file, IntStream.rangeClosed(1, 10).mapToObj(i -> "rack-%02d".formatted(i)).toArray(String[]::new));
        return file;
    }

    /** A log that an earlier run wrote these records to, opened again as after a restart. */
    private static AuditFile restartedAfter(Path path, String... earlier) throws IOException {
        AuditFile before = new AuditFile(path, 1_000_000, 3);
        append(before, earlier);
        before.close();
        return new AuditFile(path, 1_000_000, 3);
    }

    @Test
    void aLineWrittenWithoutForceIsReadAtOnceAndForcedWithTheNextForcedLine() throws IOException {
        AuditFile file = new AuditFile(directory.resolve("audit.jsonl"), 1_000_000, 3);
        append(file, "rack-01");
        file.append(AuditFormats.json(record("rack-02")), false);

        assertThat(names(file)).containsExactly("rack-01", "rack-02");
        assertThat(file.forcedLines()).isEqualTo(1);

        append(file, "rack-03");

        assertThat(file.forcedLines()).isEqualTo(3);
    }

    @Test
    void concurrentForcedAppendsAllReturnOnDiskAndNoLineIsLost() throws Exception {
        AuditFile file = new AuditFile(directory.resolve("audit.jsonl"), 1_000_000, 3);
        int writers = 16;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        file.append(AuditFormats.json(record("rack-%02d-%02d".formatted(writer, i))), true);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(file.forcedLines()).isEqualTo(writers * each);
        assertThat(names(file)).hasSize(writers * each).doesNotHaveDuplicates();
    }

    private static void append(AuditFile file, String... names) throws IOException {
        for (String name : names) {
            file.append(AuditFormats.json(record(name)), true);
        }
    }

    private static List<String> names(AuditFile file) throws IOException {
        List<String> names = new ArrayList<>();
        file.read(record -> names.add(record.name()));
        return names;
    }

    private static AuditRecord record(String name) {
        return new AuditRecord(Instant.parse("2026-03-01T10:00:00Z"), "uid-" + name, Operation.DELETE, "StatefulSet", "",
                "cassandra", name, "bob", List.of("system:authenticated"), Verdict.DENIED, List.of("deletion-protection"),
                List.of("[deletion-protection] protected"), false, "default", null,
                Map.of("deletion-protection", Verdict.DENIED));
    }
}
