package io.cassguard.engine.mutations;

import io.cassguard.engine.cluster.CassandraStatefulSets;
import io.cassguard.model.FieldError;
import io.cassguard.engine.cluster.RackIdentity;
import io.cassguard.engine.cluster.StatefulSetStatuses;
import io.cassguard.model.SelfValidating;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code seeds}: without {@code CASSANDRA_SEEDS} each new pod of the official image seeds from itself and may
 * start a cluster of its own. The seeds are stable pod DNS names of the datacenter's racks: up to three, spread
 * over the racks (1 rack: ordinals 0..2; 2 racks: 0..1 of each; 3 or more: ordinal 0 of the first three by name),
 * never a pod the rack does not have.
 */
public class SeedsMutation extends PodTemplateMutation<SeedsMutation.Parameters> {

    public static final String SEEDS = "CASSANDRA_SEEDS";
    /** Seeds come from the first three racks at most. */
    private static final int MAX_SEED_RACKS = 3;
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    public static class Parameters implements SelfValidating {
        public String clusterDomain = "cluster.local";

        @Override
        public List<FieldError> problems() {
            return clusterDomain != null && DNS_NAME.matcher(clusterDomain).matches() ? List.of()
                    : List.of(new FieldError("clusterDomain", "must be a DNS name such as cluster.local"));
        }
    }

    public SeedsMutation() {
        super("seeds", Parameters.class);
    }

    @Override
    boolean inject(MutationContext<Parameters> context, StatefulSet statefulSet, PodSpec podSpec) {
        Optional<Container> cassandra = CassandraStatefulSets.cassandraContainer(statefulSet);
        if (cassandra.isEmpty() || seedsOf(cassandra.get()).isPresent() || statefulSet.getMetadata().getName() == null) {
            return false;
        }
        // A manifest applied again without the variable keeps the seeds its pods run with: no rolling restart.
        Optional<EnvVar> seeds = Optional.ofNullable(context.request().oldAs(StatefulSet.class))
                .flatMap(CassandraStatefulSets::cassandraContainer)
                .flatMap(SeedsMutation::seedsOf)
                .or(() -> computed(context, statefulSet).map(value -> new EnvVar(SEEDS, value, null)));
        if (seeds.isEmpty()) {
            return false;
        }
        List<EnvVar> env = cassandra.get().getEnv() == null ? new ArrayList<>() : new ArrayList<>(cassandra.get().getEnv());
        env.add(seeds.get());
        cassandra.get().setEnv(env);
        return true;
    }

    private static Optional<EnvVar> seedsOf(Container container) {
        return container.getEnv() == null ? Optional.empty()
                : container.getEnv().stream().filter(e -> SEEDS.equals(e.getName())).findFirst();
    }

    /** The seed list of this rack's datacenter, or empty when no rack has a pod to name. */
    private static Optional<String> computed(MutationContext<Parameters> context, StatefulSet statefulSet) {
        String namespace = context.request().request().namespace().isEmpty()
                ? statefulSet.getMetadata().getNamespace() : context.request().request().namespace();
        RackIdentity rack = RackIdentity.of(statefulSet);
        RackIdentity self = new RackIdentity(namespace, rack.cluster(), rack.datacenter(), rack.rack());
        // The cache holds the previous version of this rack, if any: the request's object replaces it.
        Stream<StatefulSet> siblings = context.liveState().statefulSets(namespace).stream()
                .filter(CassandraStatefulSets::isCassandra)
                .filter(other -> !self.rack().equals(other.getMetadata().getName()))
                .filter(other -> self.sameDatacenter(RackIdentity.of(other)));
        List<StatefulSet> racks = Stream.concat(Stream.of(statefulSet), siblings)
                .sorted(Comparator.comparing(s -> s.getMetadata().getName()))
                .limit(MAX_SEED_RACKS)
                .toList();
        int perRack = seedsPerRack(racks.size());
        List<String> seeds = racks.stream()
                .filter(r -> r.getSpec().getServiceName() != null && !r.getSpec().getServiceName().isBlank())
                .flatMap(r -> IntStream.range(0, Math.min(perRack, StatefulSetStatuses.replicas(r)))
                        .mapToObj(ordinal -> "%s-%d.%s.%s.svc.%s".formatted(r.getMetadata().getName(), ordinal,
                                r.getSpec().getServiceName(), namespace, context.parameters().clusterDomain)))
                .toList();
        return seeds.isEmpty() ? Optional.empty() : Optional.of(String.join(",", seeds));
    }

    /** Two racks get two seeds each, so that either rack alone still has more than one. */
    private static int seedsPerRack(int racks) {
        return switch (racks) {
            case 1 -> 3;
            case 2 -> 2;
            default -> 1;
        };
    }
}
