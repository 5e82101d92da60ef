package io.cassguard.service.audit;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code audit-log} (docs/audit.md): down while audit records cannot be written, so that a replica
 * that cannot record stops taking admission traffic while another can; up again after a write succeeds. The log is
 * probed every {@code cassguard.audit.probe-interval}, not only when a record comes: a replica taken out of the
 * Service gets none, and a full disk should show before the next override needs it.
 */
@Readiness
@ApplicationScoped
public class AuditLogReadiness implements HealthCheck {

    private final AuditStore store;

    public AuditLogReadiness(AuditStore store) {
        this.store = store;
    }

    @Scheduled(every = "${cassguard.audit.probe-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        store.probe();
    }

    @Override
    public HealthCheckResponse call() {
        String failure = store.failure();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("audit-log")
                .withData("file", store.path().toString());
        return failure == null ? response.up().build() : response.down().withData("failure", failure).build();
    }
}
