package io.cassguard.service.cassandra;

import io.cassguard.engine.live.ReadingStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Readers of clusters nobody answers for: no Cassandra needed (127.0.0.9:9042 refuses connections). */
class UnreachableClusterTest {

    private static final ClusterKey GONE = new ClusterKey("shop", "gone");
    private static final CassandraTarget NOBODY = CassandraTarget.plain(List.of("127.0.0.9:9042"), "gone");

    /** Readers of earlier test classes in this JVM (a Quarkus app's) may still be winding down: they do not count. */
    private static final Set<Thread> EARLIER = readerThreads();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CassandraReaders readers = new CassandraReaders(Duration.ofSeconds(4), meters, Clock.systemUTC());

    @AfterEach
    void close() {
        readers.close();
    }

    @Test
    void anUnreachableClusterIsAnErrorNamingTheContactPoint() {
        readers.update(Map.of(GONE, NOBODY));

        ReadingStatus status = await().atMost(Duration.ofSeconds(20))
                .until(() -> readers.status(GONE).orElseThrow(), s -> s.lastError().isPresent());

        assertThat(status.lastError().get().message()).startsWith("no node answered: 127.0.0.9:9042 ")
                .contains("Connection refused");
        assertThat(status.lastReading()).isEmpty();
        assertThat(status.connected()).isFalse();
    }

    @Test
    void retriesBackOffUpToTheRefreshIntervalOnSharedThreadsAndWarnOnce() throws InterruptedException {
        List<LogRecord> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // only the reader's and the driver's own: other tests' leftovers in this JVM log too
                boolean reading = record.getLoggerName() != null && (record.getLoggerName().startsWith("io.cassguard.service.cassandra")
                        || record.getLoggerName().startsWith("com.datastax"));
                if (reading && record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    synchronized (warnings) {
                        warnings.add(record);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try {
            readers.update(Map.of(GONE, NOBODY));
            Thread.sleep(12_000);
        } finally {
            root.removeHandler(handler);
        }

        // attempts at 0, 1, 3, 7, 11 s: back-off 1, 2, 4, then the refresh interval (4 s)
        assertThat(meters.get("cassguard.cassandra.read.errors").counter().count()).isBetween(3.0, 5.0);
        assertThat(warnings).extracting(LogRecord::getLoggerName).containsExactly(CassandraReader.class.getName());
        assertThat(readerThreads()).filteredOn(thread -> !EARLIER.contains(thread)).hasSize(4);
    }

    @Test
    void aClusterNoLongerWantedIsNoLongerReadNorMeasured() {
        readers.update(Map.of(GONE, NOBODY));

        readers.update(Map.of());

        assertThat(readers.status(GONE)).isEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(meters.getMeters()).isEmpty());
    }

    @Test
    void aChangedTargetIsReadAfresh() {
        readers.update(Map.of(GONE, NOBODY));
        await().atMost(Duration.ofSeconds(20)).until(() -> readers.status(GONE).orElseThrow().lastError().isPresent());

        readers.update(Map.of(GONE, CassandraTarget.plain(List.of("127.0.0.10:9042"), "gone")));

        ReadingStatus status = await().atMost(Duration.ofSeconds(20))
                .until(() -> readers.status(GONE).orElseThrow(), s -> s.lastError().isPresent());
        assertThat(status.lastError().get().message()).startsWith("no node answered: 127.0.0.10:9042 ");
    }

    /** The threads of the readers: the scheduler and the driver's shared I/O, admin and timer threads. */
    private static Set<Thread> readerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("cassandra-reader") || thread.getName().startsWith("cassandra-shop"))
                .collect(Collectors.toSet());
    }
}
