package io.cassguard.cli;

import io.cassguard.support.ChildJvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code cassguard} as a user does, in a process of its own: a child JVM ({@link ChildJvm}) that starts the
 * CLI's main class with the JVM options of bin/cassguard, on the test classpath (the tests run before
 * {@code package}, so the quarkus-app directory bin/cassguard uses does not exist yet; the classes and libraries are
 * the same).
 */
record Cli(int exitCode, String out, String err) {

    /** The fixtures of these tests; file names in the CLI's output are relative to it. */
    static final Path FIXTURES = Path.of("src/test/resources/cli").toAbsolutePath();
    /** The policies the service ships (policies/). */
    static final String POLICIES = Path.of("policies").toAbsolutePath().toString();

    static Cli run(String... arguments) {
        return runIn(FIXTURES, null, arguments);
    }

    /** Runs in a working directory, with {@code stdin} (or nothing) as standard input. */
    static Cli runIn(Path directory, String stdin, String... arguments) {
        List<String> command = ChildJvm.command(CassguardCli.class, arguments);
        try {
            Path out = Files.createTempFile("cassguard-out", ".txt");
            Path err = Files.createTempFile("cassguard-err", ".txt");
            Path in = Files.createTempFile("cassguard-in", ".txt");
            Files.writeString(in, stdin == null ? "" : stdin);
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(in.toFile());
            // --live reads the cluster of the working directory's kubeconfig file, when a test writes one
            builder.environment().put("KUBECONFIG", directory.resolve("kubeconfig").toString());
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("cassguard " + String.join(" ", arguments) + " did not end within 120 s");
            }
            Cli cli = new Cli(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            Files.delete(in);
            return cli;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
