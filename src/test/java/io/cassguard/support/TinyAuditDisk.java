package io.cassguard.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The audit log on a file system of its own, {@value #SIZE} small (a tmpfs), so that a test can fill it. Mounting
 * needs root with CAP_SYS_ADMIN: where that is refused, {@link #mounted()} says so and the tests that need the disk
 * do not run. The log is probed every second.
 */
public class TinyAuditDisk implements QuarkusTestResourceLifecycleManager {

    public static final String SIZE = "256k";
    public static final Path DIRECTORY = Path.of("target/tiny-audit-disk").toAbsolutePath();
    private static volatile boolean mounted;

    /** The profile of the service whose audit log is on the tiny disk. */
    public static class Profile implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TinyAuditDisk.class));
        }
    }

    public static boolean mounted() {
        return mounted;
    }

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(DIRECTORY);
            mounted = run("mount", "-t", "tmpfs", "-o", "size=" + SIZE, "tmpfs", DIRECTORY.toString());
        } catch (IOException e) {
            mounted = false;
        }
        return Map.of("cassguard.audit.file", DIRECTORY.resolve("audit.jsonl").toString(),
                "cassguard.audit.probe-interval", "1s");
    }

    @Override
    public void stop() {
        if (mounted) {
            run("umount", "-l", DIRECTORY.toString());
            mounted = false;
        }
    }

    private static boolean run(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
