package io.cassguard.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVM settings that keep a replica small live in one file, {@code jvm.options}: every way the service is started
 * (the README's command, the container image, the benchmark, the e2e run) reads that file and the AppCDS archive
 * the build records, so that what is measured is what is shipped.
 */
class JvmOptionsTest {

    private static final String LOCAL_START = "java @jvm.options -XX:SharedArchiveFile=target/quarkus-app/app-cds.jsa";

    @Test
    void theJvmOfThisMachineAcceptsEverySetting() throws IOException, InterruptedException {
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@jvm.options", "-version").redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(java.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("Unrecognized", "Error", "warning");
    }

    @Test
    void theReadmeStartsTheServiceWithTheSettingsAndTheArchive() throws IOException {
        String firstCommand = Files.readString(Path.of("README.md")).lines()
                .filter(line -> line.startsWith("./mvnw")).findFirst().orElseThrow();

        assertThat(firstCommand).contains(LOCAL_START + " -jar target/quarkus-app/quarkus-run.jar");
    }

    @Test
    void theImageStartsTheServiceWithTheSettingsAndTheArchiveItRecorded() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile.jvm"));

        assertThat(dockerfile)
                .contains("COPY --chown=1001:root jvm.options bin/record-app-cds /deployments/")
                .contains("/deployments/record-app-cds /deployments/quarkus-run.jar /deployments/app-cds.jsa")
                .contains("exec java @/deployments/jvm.options -XX:SharedArchiveFile=/deployments/app-cds.jsa $JAVA_OPTS"
                        + " -jar /deployments/quarkus-run.jar");
    }

    @Test
    void theBenchmarksAndTheEndToEndRunMeasureTheShippedSettings() throws IOException {
        assertThat(Files.readString(Path.of("bench/run.sh")))
                .contains("JAVA_OPTS=\"${JAVA_OPTS:-@jvm.options -XX:SharedArchiveFile=target/quarkus-app/app-cds.jsa}\"");
        assertThat(Files.readString(Path.of("bench/startup.sh")))
                .contains("shipped=\"@jvm.options -XX:SharedArchiveFile=target/quarkus-app/app-cds.jsa\"");
        assertThat(Files.readString(Path.of("e2e/run.sh"))).contains(LOCAL_START);
    }
}
