package io.cassguard.service.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The audit log on disk: an append-only JSON Lines file, one record per line.
 * <ul>
 *   <li>Each line is written whole under a lock, so concurrent records never interleave. A line that must be
 *   durable before its answer leaves is forced to the storage device before {@link #append} returns, together
 *   with every line written before it; concurrent appends share their forces.</li>
 *   <li>When the next line would make the file larger than {@code maxBytes}, it is renamed {@code <file>.1}
 *   (older ones shift to {@code .2}, ...) and a new file is started; {@code maxFiles} files are kept in all.</li>
 *   <li>A crash can leave a torn last line: reading skips lines that do not parse, and the next append first ends
 *   the torn line so that it cannot swallow a good record.</li>
 * </ul>
 */
final class AuditFile {

    private static final Logger LOG = Logger.getLogger(AuditFile.class);
    /** What {@link #probe} writes: a file-system block, more than most records take. */
    static final int PROBE_BYTES = 4096;

    private final Path file;
    private final long maxBytes;
    private final int maxFiles;
    /** Guards the channel, {@link #size}, rotation and {@link #written}. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Guards {@link #running}. */
    private final Object forceState = new Object();
    /**
     * The force running now, or null: one at a time. A writer whose line it may cover waits for it to finish (all
     * of them wake at once, none has to take a lock after it); a line it missed starts the next one.
     */
    private CompletableFuture<Void> running;
    private FileChannel channel;
    /** The current file's length, kept here: asking the channel costs a system call per record. */
    private long size;
    /** Lines written so far; {@link #forced}: lines known to be on disk (only ever grows). */
    private long written;
    private final AtomicLong forced = new AtomicLong();

    AuditFile(Path file, long maxBytes, int maxFiles) {
        if (maxBytes < 1 || maxFiles < 1) {
            throw new IllegalArgumentException("the audit file needs a positive maximum size and at least 1 file");
        }
        this.file = file.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
    }

    Path path() {
        return file;
    }

    /**
     * Appends one JSON line. With {@code force}, returns once it is on the storage device; concurrent appends share
     * one force (group commit): a force covers every line written before it started, so a burst of denials costs
     * one disk sync per round rather than one each. Without, the line is in the kernel's page cache when this
     * returns: it survives the process, and reaches the device with the next forced line or the kernel's write-back.
     */
    void append(String json, boolean force) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
        long sequence;
        lock.lock();
        try {
            if (channel == null) {
                open();
            }
            if (size > 0 && size + line.remaining() > maxBytes) {
                rotate();
            }
            int length = line.remaining();
            while (line.hasRemaining()) {
                channel.write(line);
            }
            size += length;
            sequence = ++written;
        } catch (IOException e) {
            // reopen on the next append: that also ends a half-written line
            closeChannel();
            throw e;
        } finally {
            lock.unlock();
        }
        if (force) {
            forceUpTo(sequence);
        }
    }

    /** How many of the lines written since this file was opened are known to be on the storage device. */
    long forcedLines() {
        return forced.get();
    }

    /**
     * Checks that a record could be written now, without writing one: the audit file opens for appending and syncs,
     * and a block of {@link #PROBE_BYTES} can be written and forced next to it (a probe file, removed again) — a
     * disk too full for a record is too full for that.
     */
    void probe() throws IOException {
        lock.lock();
        try {
            if (channel == null) {
                open();
            }
            channel.force(false);
        } catch (IOException e) {
            closeChannel();
            throw e;
        } finally {
            lock.unlock();
        }
        Path probe = file.resolveSibling(file.getFileName() + ".probe");
        try (FileChannel out = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer block = ByteBuffer.allocate(PROBE_BYTES);
            while (block.hasRemaining()) {
                out.write(block);
            }
            out.force(false);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private void forceUpTo(long sequence) throws IOException {
        while (forced.get() < sequence) {
            CompletableFuture<Void> round;
            boolean leads;
            synchronized (forceState) {
                if (forced.get() >= sequence) {
                    return;
                }
                leads = running == null;
                if (leads) {
                    running = new CompletableFuture<>();
                }
                round = running;
            }
            if (leads) {
                lead(round, sequence);
                return;
            }
            // then look again: the round covered this line if it started after the line was written; a round that
            // failed is its leader's to report, and this line gets a force, or a failure, of its own
            round.join();
        }
    }

    /** Forces every line written so far, then wakes the writers waiting for {@code round}. */
    private void lead(CompletableFuture<Void> round, long sequence) throws IOException {
        try {
            long upTo;
            FileChannel target;
            lock.lock();
            try {
                upTo = written;
                target = channel;
            } finally {
                lock.unlock();
            }
            try {
                if (target != null) {
                    target.force(false);
                    forced.accumulateAndGet(upTo, Math::max);
                }
            } catch (ClosedChannelException e) {
                // rotated meanwhile: the rotation forced every line written before it
            }
            if (forced.get() < sequence) {
                throw new IOException("the audit file was closed before the record reached the disk");
            }
        } finally {
            synchronized (forceState) {
                running = null; // before the waiters wake: one that this round missed starts the next
            }
            round.complete(null);
        }
    }

    /**
     * Reads every record, oldest first, over the rotated files and the current one, skipping unreadable lines.
     *
     * @return how many lines were skipped
     */
    int read(Consumer<AuditRecord> sink) throws IOException {
        List<InputStream> streams = openAll();
        try {
            int skipped = 0;
            for (InputStream stream : streams) {
                skipped += read(stream, sink);
            }
            return skipped;
        } finally {
            closeAll(streams);
        }
    }

    /**
     * The newest records: whole files, read from the current one back, until at least {@code atLeast} records are
     * in hand, so that a long history does not have to be read to know its end.
     *
     * @param records  oldest first
     * @param complete whether every file was read
     * @param skipped  unreadable lines skipped
     */
    record Tail(List<AuditRecord> records, boolean complete, int skipped) {
    }

    Tail tail(int atLeast) throws IOException {
        List<InputStream> streams = openAll();
        try {
            Collections.reverse(streams);
            List<List<AuditRecord>> newestFirst = new ArrayList<>();
            int count = 0;
            int skipped = 0;
            int read = 0;
            for (InputStream stream : streams) {
                if (count >= atLeast) {
                    break;
                }
                List<AuditRecord> records = new ArrayList<>();
                skipped += read(stream, records::add);
                newestFirst.add(records);
                count += records.size();
                read++;
            }
            Collections.reverse(newestFirst);
            return new Tail(newestFirst.stream().flatMap(List::stream).toList(), read == streams.size(), skipped);
        } finally {
            closeAll(streams);
        }
    }

    /**
     * Every stream is closed, also when reading one of them failed (closing twice is harmless). A read stream that
     * fails to close loses nothing, and must not hide why the reading failed.
     */
    private static void closeAll(List<InputStream> streams) {
        for (InputStream stream : streams) {
            try {
                stream.close();
            } catch (IOException e) {
                LOG.debugf("closing an audit file: %s", e.getMessage());
            }
        }
    }

    /** Opened under the lock: a rotation after this point renames files, but open streams keep reading them. */
    private List<InputStream> openAll() throws IOException {
        List<InputStream> streams = new ArrayList<>();
        lock.lock();
        try {
            for (Path path : files()) {
                try {
                    streams.add(Files.newInputStream(path));
                } catch (NoSuchFileException e) {
                    // not written yet
                } catch (IOException e) {
                    closeAll(streams);
                    throw e;
                }
            }
        } finally {
            lock.unlock();
        }
        return streams;
    }

    private static int read(InputStream stream, Consumer<AuditRecord> sink) throws IOException {
        int skipped = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    sink.accept(AuditFormats.read(line));
                } catch (JsonProcessingException e) {
                    skipped++;
                }
            }
        }
        return skipped;
    }

    /** The files of the log, oldest first. */
    List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (int n = 1; n < maxFiles && Files.exists(rotated(n)); n++) {
            files.add(rotated(n));
        }
        Collections.reverse(files);
        files.add(file);
        return files;
    }

    void close() {
        lock.lock();
        try {
            closeChannel();
        } finally {
            lock.unlock();
        }
    }

    private Path rotated(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private void open() throws IOException {
        Files.createDirectories(file.getParent());
        boolean created = Files.notExists(file);
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (created) {
            forceDirectory(); // the new file's name must survive a crash too
        } else if (endsTorn()) {
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
        }
        size = channel.size();
    }

    private boolean endsTorn() throws IOException {
        if (channel.size() == 0) {
            return false;
        }
        try (SeekableByteChannel reader = Files.newByteChannel(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            reader.position(channel.size() - 1).read(last);
            return last.get(0) != '\n';
        }
    }

    private void rotate() throws IOException {
        channel.force(false);
        forced.accumulateAndGet(written, Math::max);
        closeChannel();
        if (maxFiles == 1) {
            Files.delete(file);
        } else {
            Files.deleteIfExists(rotated(maxFiles - 1));
            for (int n = maxFiles - 2; n >= 1; n--) {
                if (Files.exists(rotated(n))) {
                    Files.move(rotated(n), rotated(n + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, rotated(1));
        }
        open();
    }

    private void forceDirectory() {
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the file's own force still holds the records
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing flushes nothing of ours: every line was written to the channel, and a line that had to be
                // on disk was forced before its append returned; the rest reaches it with the kernel's write-back
            }
            channel = null;
        }
    }
}
