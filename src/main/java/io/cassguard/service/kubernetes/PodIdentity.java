package io.cassguard.service.kubernetes;

import io.cassguard.service.config.CassguardConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * This replica's pod name, as the API server and the other replicas know it, and its namespace: {@code cassguard.audit.peers.self} when
 * set, else {@code HOSTNAME}, which Kubernetes sets to the pod's name; {@code cassguard} outside a pod. It names the
 * replica in the leader Lease, in the Events it reports, and among the endpoints it leaves out when it asks the others.
 */
@Singleton
public class PodIdentity {

    private static final String OUTSIDE_A_POD = "cassguard";

    private final String name;

    public PodIdentity(CassguardConfig config) {
        this.name = config.audit().peers().self()
                .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")).filter(hostname -> !hostname.isBlank()))
                .orElse(OUTSIDE_A_POD);
    }

    public String name() {
        return name;
    }

    /** The pod's own namespace, as the client read it from the service account's files; {@code default} outside a pod. */
    public String namespace(KubernetesClient client) {
        return Optional.ofNullable(client.getNamespace()).orElse("default");
    }
}
