package io.cassguard.service.cassandra;

import io.cassguard.engine.live.ReadingStatus;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The readers of every guarded Cassandra cluster (docs/live-state.md): {@link #update} is given the clusters wanted now (from
 * the informer caches in-cluster, or {@code cassguard.cassandra.contact-points} standalone) and opens a reader for
 * each new cluster, closes the reader of each cluster gone, and reopens a reader whose target changed. All readers
 * share one scheduler thread and the driver's threads ({@link SharedNetty}).
 */
public final class CassandraReaders implements AutoCloseable {

    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Duration refreshInterval;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor scheduler;
    private final SharedNetty netty = new SharedNetty();
    private final Map<ClusterKey, CassandraReader> readers = new ConcurrentHashMap<>();
    private boolean closed;

    /**
     * @param refreshInterval {@code cassguard.cassandra.refresh-interval}: the longest time between two readings,
     *                        and the longest back-off while a cluster cannot be reached
     */
    public CassandraReaders(Duration refreshInterval, MeterRegistry meters, Clock clock) {
        this.refreshInterval = refreshInterval;
        this.meters = meters;
        this.clock = clock;
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "cassandra-reader");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** Makes the readers those of {@code wanted}: new clusters are read, clusters gone are no longer. */
    public synchronized void update(Map<ClusterKey, CassandraTarget> wanted) {
        if (closed) {
            throw new IllegalStateException("the Cassandra readers are closed");
        }
        List<CassandraReader> stale = new ArrayList<>();
        readers.values().removeIf(reader -> {
            boolean gone = !reader.target().equals(wanted.get(reader.key()));
            if (gone) {
                stale.add(reader);
            }
            return gone;
        });
        stale.forEach(CassandraReader::close);
        wanted.forEach((key, target) -> readers.computeIfAbsent(key, k -> {
            CassandraReader reader = new CassandraReader(k, target, refreshInterval, scheduler, netty, clock, meters);
            reader.start();
            return reader;
        }));
    }

    /** Where the reading of a cluster stands; empty for a cluster that is not read. */
    public Optional<ReadingStatus> status(ClusterKey key) {
        return Optional.ofNullable(readers.get(key)).map(CassandraReader::status);
    }

    /** Every cluster read, and where its reading stands. */
    public Map<ClusterKey, ReadingStatus> statuses() {
        return readers.values().stream().collect(Collectors.toMap(CassandraReader::key, CassandraReader::status));
    }

    /** Closes every session (waiting at most {@link #CLOSE_TIMEOUT}) and stops the threads. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<?>[] closing = readers.values().stream()
                .map(r -> r.close().toCompletableFuture()).toArray(CompletableFuture[]::new);
        readers.clear();
        try {
            CompletableFuture.allOf(closing).get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // shutting down: what did not close in time goes with the threads
        }
        scheduler.shutdownNow();
        netty.shutdown();
    }
}
