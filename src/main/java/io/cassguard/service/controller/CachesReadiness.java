package io.cassguard.service.controller;

import io.cassguard.service.kubernetes.ClusterMode;
import io.cassguard.service.kubernetes.KubernetesCaches;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once every informer cache has synced (docs/architecture.md), so that no admission is decided from an empty cache.
 * After that it stays up even when the API server goes away: admission then falls back to the review's own status,
 * and taking every replica out of the Service would block all writes instead.
 */
@Readiness
@ApplicationScoped
public class CachesReadiness implements HealthCheck {

    private final ClusterMode mode;
    private final KubernetesCaches caches;

    public CachesReadiness(ClusterMode mode, KubernetesCaches caches) {
        this.mode = mode;
        this.caches = caches;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kubernetes-caches");
        if (!mode.inCluster()) {
            return response.up().withData("mode", "standalone").build();
        }
        caches.cacheStates().forEach(response::withData);
        return response.status(caches.ready()).withData("mode", "in-cluster").build();
    }
}
