package io.cassguard.service.kubernetes;

import io.cassguard.service.config.CassguardConfig;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The other ready cassguard replicas (in-cluster only): the ready endpoints of the headless Service
 * {@code cassguard.audit.peers.service}, read from its EndpointSlices when asked. Each replica is reached on its pod
 * address and the Service's port named {@value #PORT_NAME}.
 */
@ApplicationScoped
public class PeerReplicas {

    public static final String PORT_NAME = "https";
    private static final String SERVICE_LABEL = "kubernetes.io/service-name";

    /** @param name the pod name (the address when the endpoint names no pod) */
    public record Replica(String name, String address, int port) {

        /** {@code host:port}, with an IPv6 address in brackets. */
        public String authority() {
            return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        }
    }

    private final Instance<KubernetesClient> client;
    private final String service;
    private final Optional<String> namespace;
    private final PodIdentity pod;

    public PeerReplicas(Instance<KubernetesClient> client, CassguardConfig config, PodIdentity pod) {
        this.client = client;
        this.service = config.audit().peers().service();
        this.namespace = config.audit().peers().namespace();
        this.pod = pod;
    }

    /** This replica's name, as the others know it. */
    public String self() {
        return pod.name();
    }

    /**
     * Asks the API server (blocking) for the ready replicas other than this one.
     *
     * @throws io.fabric8.kubernetes.client.KubernetesClientException when it cannot
     */
    public List<Replica> others() {
        KubernetesClient kubernetes = client.get();
        String in = namespace.orElseGet(() -> pod.namespace(kubernetes));
        List<Replica> replicas = new ArrayList<>();
        for (EndpointSlice slice : kubernetes.discovery().v1().endpointSlices().inNamespace(in)
                .withLabel(SERVICE_LABEL, service).list().getItems()) {
            Optional<Integer> port = slice.getPorts() == null ? Optional.empty() : slice.getPorts().stream()
                    .filter(p -> PORT_NAME.equals(p.getName()) && p.getPort() != null).map(EndpointPort::getPort).findFirst();
            if (port.isEmpty() || slice.getEndpoints() == null) {
                continue;
            }
            for (Endpoint endpoint : slice.getEndpoints()) {
                boolean ready = endpoint.getConditions() == null || !Boolean.FALSE.equals(endpoint.getConditions().getReady());
                if (!ready || endpoint.getAddresses() == null || endpoint.getAddresses().isEmpty()) {
                    continue;
                }
                String address = endpoint.getAddresses().get(0);
                String name = endpoint.getTargetRef() != null && endpoint.getTargetRef().getName() != null
                        ? endpoint.getTargetRef().getName() : address;
                if (!name.equals(pod.name()) && replicas.stream().noneMatch(r -> r.name().equals(name))) {
                    replicas.add(new Replica(name, address, port.get()));
                }
            }
        }
        return replicas;
    }
}
