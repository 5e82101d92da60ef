package io.cassguard.support;

import io.cassguard.engine.fixtures.Engines;
import io.cassguard.service.tls.DevCertificates;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Prepares what the service needs before it starts in a test: dev certificates made by the same code as a
 * standalone start, a policy directory with the shipped defaults plus the test policies, and the audit log of a
 * previous run.
 */
public class TestEnvironment implements QuarkusTestResourceLifecycleManager {

    public static final Path CERTS = Path.of("target/test-certs");
    public static final Path POLICIES = Path.of("target/test-policies");
    /** The audit log of the service under test (%test.cassguard.audit.file). */
    public static final Path AUDIT_LOG = Path.of("target/test-audit/audit.jsonl");

    @Override
    public Map<String, String> start() {
        try {
            DevCertificates.ensure(CERTS);
            resetPolicies();
            resetAuditLog();
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the test environment", e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }

    /** The policy directory as the tests expect it: policies/ and src/test/resources/test-policies/. */
    public static void resetPolicies() throws IOException {
        Engines.copyTestPolicies(POLICIES);
    }

    /** The audit log as a previous run left it: two records and a line torn by a crash. */
    public static void resetAuditLog() throws IOException {
        Files.createDirectories(AUDIT_LOG.getParent());
        try (Stream<Path> files = Files.list(AUDIT_LOG.getParent())) {
            files.forEach(TestEnvironment::delete);
        }
        Files.copy(Path.of("src/test/resources/audit/previous-run.jsonl"), AUDIT_LOG);
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
