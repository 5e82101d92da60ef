package io.cassguard.service.audit;

import io.cassguard.model.Operation;
import io.cassguard.model.Verdict;
import io.cassguard.service.metrics.Meters;
import io.cassguard.support.ChildJvm;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 under load loses no answered record (docs/audit.md: a denial is on disk before it is answered). A separate
 * JVM ({@link #main}) records denials from several threads through the real {@link AuditStore} and file, in files
 * small enough to rotate, and says each uid once its record is written, as the webhook answers once it is. It is
 * killed with SIGKILL at a random moment, 20 times over the same log; then every uid it said is in the log.
 */
class AuditKillTest {

    private static final int KILLS = 20;
    private static final int THREADS = 4;

    @TempDir
    Path directory;

    @Test
    void noAnsweredRecordIsLostOverTwentyKillsUnderLoad() throws Exception {
        Path log = directory.resolve("audit.jsonl");
        Set<String> answered = new HashSet<>();
        for (int run = 0; run < KILLS; run++) {
            Process writer = new ProcessBuilder(ChildJvm.command(AuditKillTest.class, log.toString(), "run" + run))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int killAfter = ThreadLocalRandom.current().nextInt(20, 200);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                String uid;
                int seen = 0;
                while ((uid = out.readLine()) != null) {
                    answered.add(uid);
                    if (++seen == killAfter) {
                        // SIGKILL: no shutdown hook, no close; what it said before dying is still read
                        writer.toHandle().destroyForcibly();
                    }
                }
            }
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        }

        Set<String> onDisk = new HashSet<>();
        AuditFile file = new AuditFile(log, FILE_SIZE, Integer.MAX_VALUE);
        file.read(record -> onDisk.add(record.uid()));

        assertThat(answered).hasSizeGreaterThan(KILLS * 20);
        assertThat(onDisk).containsAll(answered);
        assertThat(file.files()).as("rotated").hasSizeGreaterThan(1);
    }

    /** Small files, so that kills also land during rotations; enough of them that none is deleted. */
    private static final int FILE_SIZE = 64 * 1024;

    /** The writer: {@code <log> <run>}; prints each uid once its record is written, until killed. */
    public static void main(String[] args) {
        AuditStore store = new AuditStore(Path.of(args[0]), new MemorySize(BigInteger.valueOf(FILE_SIZE)), 10_000, 10,
                new Meters(new SimpleMeterRegistry()));
        for (int t = 0; t < THREADS; t++) {
            String prefix = args[1] + "-" + t + "-";
            Thread thread = new Thread(() -> {
                for (long n = 0; ; n++) {
                    AuditRecord record = new AuditRecord(Instant.now(), prefix + n, Operation.DELETE, "StatefulSet", "",
                            "cassandra", "rack-" + n, "bob", List.of("system:authenticated"), Verdict.DENIED,
                            List.of("deletion-protection"), List.of("[deletion-protection] protected"), false, "default",
                            null, Map.of("deletion-protection", Verdict.DENIED));
                    if (store.write(record, AuditFormats.json(record))) {
                        synchronized (System.out) {
                            System.out.println(record.uid());
                            System.out.flush();
                        }
                    }
                }
            });
            thread.start();
        }
    }
}
