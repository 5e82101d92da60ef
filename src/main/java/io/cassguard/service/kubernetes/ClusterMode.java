package io.cassguard.service.kubernetes;

import io.cassguard.service.config.CassguardConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Locale;

/**
 * Whether cassguard runs inside a Kubernetes cluster (docs/architecture.md), from {@code cassguard.cluster.mode}:
 * {@code in-cluster}, {@code standalone}, or {@code auto} (in-cluster when {@code KUBERNETES_SERVICE_HOST} is set,
 * as it is in every pod). Everything that talks to the API server asks here first, so that standalone mode never
 * creates a Kubernetes client.
 */
@ApplicationScoped
public class ClusterMode {

    public static final String PROPERTY = "cassguard.cluster.mode";
    private static final Logger LOG = Logger.getLogger(ClusterMode.class);

    private final boolean inCluster;

    public ClusterMode(CassguardConfig config) {
        this.inCluster = inCluster(config.cluster().mode(), System.getenv("KUBERNETES_SERVICE_HOST"));
    }

    /** The decision itself, also for code that runs before Quarkus configuration exists (the main class). */
    public static boolean inCluster(String mode, String kubernetesServiceHost) {
        return switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "in-cluster" -> true;
            case "standalone" -> false;
            case "auto" -> kubernetesServiceHost != null && !kubernetesServiceHost.isBlank();
            default -> throw new IllegalArgumentException(PROPERTY + " must be auto, standalone or in-cluster, not \"" + mode + "\"");
        };
    }

    public boolean inCluster() {
        return inCluster;
    }

    void logAtStart(@Observes StartupEvent event) {
        LOG.info(inCluster
                ? "in-cluster mode: talking to the Kubernetes API server"
                : "standalone mode: no Kubernetes API server; policies from files, read endpoints on loopback only");
    }
}
