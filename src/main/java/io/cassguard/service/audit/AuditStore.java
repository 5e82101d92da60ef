package io.cassguard.service.audit;

import io.cassguard.model.Verdict;
import io.cassguard.service.config.CassguardConfig;
import io.cassguard.service.metrics.Meters;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The audit history: the durable {@link AuditFile} plus the most recent records in memory, so that reading
 * {@code /audit} usually costs no disk access. A query is answered from memory when memory holds every record it
 * could match, and from the files otherwise.
 */
@Startup
@ApplicationScoped
public class AuditStore {

    private static final Logger LOG = Logger.getLogger(AuditStore.class);

    private final AuditFile file;
    private final int recentCapacity;
    private final Meters meters;
    private final Deque<AuditRecord> recent = new ArrayDeque<>();
    /** Whether {@link #recent} holds everything the files hold (nothing was evicted yet). */
    private boolean recentIsComplete = true;
    /** The last write's failure, cleared by a write or probe that succeeds; the last probe's failure. */
    private volatile String writeFailure;
    private volatile String probeFailure;

    @Inject
    public AuditStore(CassguardConfig config, Meters meters) {
        this(config.audit().file(), config.audit().maxFileSize(), config.audit().maxFiles(), config.audit().recentRecords(),
                meters);
    }

    AuditStore(Path path, MemorySize maxFileSize, int maxFiles, int recentCapacity, Meters meters) {
        this.file = new AuditFile(path, maxFileSize.asLongValue(), maxFiles);
        this.recentCapacity = recentCapacity;
        this.meters = meters;
        loadRecent();
    }

    /**
     * Reads the end of the history of earlier runs, before any record is appended (the bean is created at start).
     * An unreadable log must not keep admission down: it is logged, and appends will say whether the disk works.
     */
    private void loadRecent() {
        try {
            AuditFile.Tail tail = file.tail(recentCapacity);
            tail.records().forEach(this::remember);
            recentIsComplete &= tail.complete(); // and nothing was evicted while loading
            LOG.infof("audit log %s: %d records in memory%s", file.path(), recent.size(), tail.skipped() == 0 ? ""
                    : ", " + tail.skipped() + " unreadable line(s) skipped (a write torn by a crash)");
        } catch (IOException e) {
            LOG.errorf("cannot read the audit log %s; /audit shows the records of this run only: %s",
                    file.path(), e.toString());
        }
    }

    /**
     * Writes a record to the file; a disk failure is logged and counted, never thrown. The record is not kept in
     * memory: {@link #remember} does that. A record whose answer waits for it ({@link Verdict#answerWaitsForRecord})
     * is forced to the storage device before this returns; any other is written, and on the device with the next
     * forced record or the kernel's write-back (a mutation's own disk sync was a quarter of its cost).
     *
     * @return whether the record is written (forced, when its decision asks for that)
     */
    public boolean write(AuditRecord record, String json) {
        try {
            boolean forced = record.decision().answerWaitsForRecord();
            file.append(json, forced);
            count("written");
            if (forced) {
                writeFailure = null; // a line in the page cache alone does not show that the disk works again
            }
            return true;
        } catch (IOException e) {
            count("failed");
            writeFailure = e.toString();
            LOG.errorf("could not write the audit record of %s %s to %s: %s", record.operation(), record.object(),
                    file.path(), e.toString());
            return false;
        }
    }

    /**
     * Checks that a record could be written now (see {@link AuditFile#probe}), so that a replica whose disk failed
     * learns it is well again without waiting for a record, which would not come while it is not ready.
     */
    public void probe() {
        try {
            file.probe();
            if (probeFailure != null || writeFailure != null) {
                LOG.infof("the audit log %s can be written again", file.path());
            }
            probeFailure = null;
            writeFailure = null;
        } catch (IOException e) {
            if (probeFailure == null) {
                LOG.errorf("the audit log %s cannot be written: %s", file.path(), e.toString());
            }
            probeFailure = e.toString();
        }
    }

    /**
     * Why records cannot be written now (the last failed write or probe, unless a forced write or a probe succeeded
     * since), or null.
     */
    public String failure() {
        String probe = probeFailure;
        return probe != null ? probe : writeFailure;
    }

    public Path path() {
        return file.path();
    }

    /** The newest records that match, newest first, at most {@code query.limit()}. */
    public List<AuditRecord> newest(AuditQuery query) {
        Snapshot snapshot = snapshot();
        List<AuditRecord> found = new ArrayList<>();
        for (int i = snapshot.records().size() - 1; i >= 0 && found.size() < query.limit(); i--) {
            if (query.matches(snapshot.records().get(i))) {
                found.add(snapshot.records().get(i));
            }
        }
        if (found.size() == query.limit() || snapshot.covers(query)) {
            return found;
        }
        Deque<AuditRecord> newest = new ArrayDeque<>();
        readFiles(query, record -> {
            newest.addFirst(record);
            if (newest.size() > query.limit()) {
                newest.removeLast();
            }
        });
        return List.copyOf(newest);
    }

    /** Every matching record, oldest first (the limit of the query does not apply). */
    public void scan(AuditQuery query, Consumer<AuditRecord> sink) {
        Snapshot snapshot = snapshot();
        if (snapshot.covers(query)) {
            snapshot.records().stream().filter(query::matches).forEach(sink);
        } else {
            readFiles(query, sink);
        }
    }

    @PreDestroy
    void close() {
        file.close();
    }

    private record Snapshot(List<AuditRecord> records, boolean complete) {

        boolean covers(AuditQuery query) {
            return complete || (query.since() != null && !records.isEmpty() && query.since().isAfter(records.get(0).time()));
        }
    }

    private synchronized Snapshot snapshot() {
        return new Snapshot(List.copyOf(recent), recentIsComplete);
    }

    /** Keeps a record in memory, for {@code /audit}, whether or not it reached the disk. */
    public synchronized void remember(AuditRecord record) {
        recent.addLast(record);
        if (recent.size() > recentCapacity) {
            recent.removeFirst();
            recentIsComplete = false;
        }
    }

    private void readFiles(AuditQuery query, Consumer<AuditRecord> sink) {
        try {
            file.read(record -> {
                if (query.matches(record)) {
                    sink.accept(record);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file.path(), e);
        }
    }

    private void count(String outcome) {
        meters.auditRecord("file", outcome);
    }
}
