package io.cassguard.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * A command-line tool the deployment tests run for real (kubectl, helm, promtool): the one {@code bin/test} installed
 * into {@code .tools/bin}, else the one on the PATH. When neither exists, the test is skipped with the reason, except
 * under {@code CI=true}, where a missing tool fails the run: CI runs {@code bin/test}, which installs them all.
 */
record Tool(Path executable) {

    static final Path INSTALLED = Path.of(".tools/bin");

    /** The tool, or a skipped (outside CI) or failed (CI) test that says how to get it. */
    static Tool require(String name) {
        Optional<Path> found = Stream.concat(Stream.of(INSTALLED),
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).map(Path::of))
                .map(directory -> directory.resolve(name))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isPresent()) {
            return new Tool(found.get());
        }
        String reason = name + " is neither in " + INSTALLED + " nor on the PATH: run the tests with bin/test, which installs it";
        if ("true".equals(System.getenv("CI"))) {
            fail(reason);
        }
        return abort(reason);
    }

    /** Runs the tool with these arguments in the working directory: its standard output, or an error with all it printed. */
    String run(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        try {
            Path errors = Files.createTempFile(executable.getFileName().toString(), ".err");
            try {
                Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within 120 s");
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ":\n"
                            + output + Files.readString(errors));
                }
                return output;
            } finally {
                Files.delete(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
