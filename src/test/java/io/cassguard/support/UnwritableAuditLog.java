package io.cassguard.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The audit log where no record can be written, for real and for every user, root included: its directory's path is
 * taken by a regular file, so that the file system refuses to create the log ("Not a directory"), as it refuses a
 * write on a full or read-only disk. No mount, no privilege: it runs wherever the tests run. Removing the file gives
 * the log its room back. The log is probed every second.
 */
public class UnwritableAuditLog implements QuarkusTestResourceLifecycleManager {

    /** Where the audit log's directory should be, taken by a regular file while the log is unwritable. */
    public static final Path DIRECTORY = Path.of("target/unwritable-audit").toAbsolutePath();

    /** The profile of the service whose audit log cannot be written. */
    public static class Profile implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(UnwritableAuditLog.class));
        }
    }

    /** Takes the directory's path with a regular file: the log cannot be created under it. */
    public static void block() {
        try {
            if (Files.isDirectory(DIRECTORY)) {
                try (var files = Files.list(DIRECTORY)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(DIRECTORY);
            }
            Files.createDirectories(DIRECTORY.getParent());
            Files.writeString(DIRECTORY, "not a directory: the audit log cannot be written under it\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gives the log its directory back (takes away the file that blocks it, if it is still there). */
    public static void unblock() {
        try {
            if (Files.isRegularFile(DIRECTORY)) {
                Files.delete(DIRECTORY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        block();
        return Map.of("cassguard.audit.file", DIRECTORY.resolve("audit.jsonl").toString(),
                "cassguard.audit.probe-interval", "1s");
    }

    @Override
    public void stop() {
        unblock();
    }
}
