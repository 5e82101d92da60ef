package io.cassguard.engine.mutations;

import io.cassguard.engine.cluster.CassandraStatefulSets;
import io.cassguard.model.FieldError;
import io.cassguard.model.SelfValidating;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code exporter}: a Cassandra node's metrics (latencies, pending compactions, dropped messages) live in JMX,
 * which Prometheus cannot read; the sidecar reads JMX on localhost:7199 and serves them on its port, and the
 * {@code prometheus.io/*} annotations let an annotation-driven Prometheus find it.
 */
public class ExporterMutation extends PodTemplateMutation<ExporterMutation.Parameters> {

    static final String PORT_NAME = "metrics";
    /** The criteo exporter's listen port setting, so that a policy's {@code port} is the port it really serves. */
    static final String LISTEN_PORT_ENV = "CASSANDRA_EXPORTER_CONFIG_listenPort";
    static final String SCRAPE_ANNOTATION = "prometheus.io/scrape";
    static final String PORT_ANNOTATION = "prometheus.io/port";

    public static class Parameters implements SelfValidating {
        public String image = "criteord/cassandra_exporter:2.3.8";
        public int port = 8080;
        public Resources resources = new Resources();

        @Override
        public List<FieldError> problems() {
            List<FieldError> problems = new ArrayList<>();
            if (image == null || image.isBlank()) {
                problems.add(new FieldError("image", "must name an image"));
            }
            if (port < 1 || port > 65535) {
                problems.add(new FieldError("port", "must be between 1 and 65535"));
            }
            if (resources == null) {
                problems.add(new FieldError("resources", "must be an object with requests and limits"));
            } else {
                problems.addAll(resources.problems());
            }
            return problems;
        }
    }

    /** Container resources as Kubernetes quantities; a JVM exporter needs little CPU and a bounded heap. */
    public static class Resources {
        public Map<String, String> requests = new TreeMap<>(Map.of("cpu", "100m", "memory", "256Mi"));
        public Map<String, String> limits = new TreeMap<>(Map.of("memory", "512Mi"));

        List<FieldError> problems() {
            List<FieldError> problems = new ArrayList<>();
            Map<String, BigDecimal> requested = amounts("requests", requests, problems);
            Map<String, BigDecimal> limited = amounts("limits", limits, problems);
            requested.forEach((resource, amount) -> {
                if (limited.containsKey(resource) && amount.compareTo(limited.get(resource)) > 0) {
                    problems.add(new FieldError("resources.requests." + resource,
                            "must not be above resources.limits." + resource));
                }
            });
            return problems;
        }

        private static Map<String, BigDecimal> amounts(String field, Map<String, String> quantities, List<FieldError> problems) {
            Map<String, BigDecimal> amounts = new LinkedHashMap<>();
            (quantities == null ? Map.<String, String>of() : quantities).forEach((resource, quantity) -> {
                try {
                    BigDecimal amount = new Quantity(quantity).getNumericalAmount();
                    if (amount.signum() < 0) {
                        throw new IllegalArgumentException("negative");
                    }
                    amounts.put(resource, amount);
                } catch (RuntimeException e) {
                    problems.add(new FieldError("resources." + field + "." + resource,
                            "\"" + quantity + "\" is not a Kubernetes quantity such as 100m or 256Mi"));
                }
            });
            return amounts;
        }

        private static Map<String, Quantity> quantities(Map<String, String> amounts) {
            Map<String, Quantity> quantities = new TreeMap<>();
            (amounts == null ? Map.<String, String>of() : amounts).forEach((k, v) -> quantities.put(k, new Quantity(v)));
            return quantities;
        }
    }

    public ExporterMutation() {
        super("exporter", Parameters.class);
    }

    @Override
    boolean inject(MutationContext<Parameters> context, StatefulSet statefulSet, PodSpec podSpec) {
        Parameters parameters = context.parameters();
        if (podSpec.getContainers().stream().anyMatch(c ->
                CassandraStatefulSets.EXPORTER_CONTAINER.equals(c.getName()) || usesPort(c, parameters.port))) {
            return false; // a pod's containers share one network: a second listener on the port would not start
        }
        podSpec.getContainers().add(new ContainerBuilder()
                .withName(CassandraStatefulSets.EXPORTER_CONTAINER)
                .withImage(parameters.image)
                .addNewEnv().withName(LISTEN_PORT_ENV).withValue(String.valueOf(parameters.port)).endEnv()
                .addNewPort().withName(PORT_NAME).withContainerPort(parameters.port).endPort()
                .withNewResources()
                .withRequests(Resources.quantities(parameters.resources.requests))
                .withLimits(Resources.quantities(parameters.resources.limits))
                .endResources()
                .build());
        annotateForPrometheus(statefulSet.getSpec().getTemplate(), parameters.port);
        return true;
    }

    private static boolean usesPort(Container container, int port) {
        return container.getPorts() != null && container.getPorts().stream()
                .map(ContainerPort::getContainerPort).anyMatch(p -> p != null && p == port);
    }

    /** Adds the scrape annotations the template lacks; one the user set (another port, say) stays as it is. */
    private static void annotateForPrometheus(PodTemplateSpec template, int port) {
        if (template.getMetadata() == null) {
            template.setMetadata(new ObjectMeta());
        }
        Map<String, String> annotations = template.getMetadata().getAnnotations() == null
                ? new LinkedHashMap<>() : new LinkedHashMap<>(template.getMetadata().getAnnotations());
        annotations.putIfAbsent(SCRAPE_ANNOTATION, "true");
        annotations.putIfAbsent(PORT_ANNOTATION, String.valueOf(port));
        template.getMetadata().setAnnotations(annotations);
    }
}
