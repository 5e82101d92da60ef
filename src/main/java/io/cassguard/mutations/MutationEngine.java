package io.cassguard.mutations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cassguard.admission.AdmissionRequest;
import io.cassguard.admission.Operation;
import io.cassguard.guarded.Annotations;
import io.cassguard.guarded.CassandraStatefulSets;
import io.cassguard.guarded.GuardedKind;
import io.cassguard.guarded.GuardedRequest;
import io.cassguard.guarded.GuardedRequestReader;
import io.cassguard.guarded.MalformedObjectException;
import io.cassguard.metrics.TaggedMeters;
import io.cassguard.policy.Catalog;
import io.cassguard.policy.CompiledPolicy;
import io.cassguard.policy.MutationSettings;
import io.cassguard.policy.PolicyStore;
import io.cassguard.state.LiveState;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.zjsonpatch.DiffFlags;
import io.fabric8.zjsonpatch.JsonDiff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Mutates Cassandra StatefulSets (DESIGN §7): runs every enabled mutation on a copy and answers the JSON Patch
 * from the request's object to the copy, computed by zjsonpatch; no change, no patch.
 */
@ApplicationScoped
public class MutationEngine {

    /** Plain add/remove/replace: the API server takes move and copy too, but a reader of the patch should not need to. */
    private static final EnumSet<DiffFlags> PLAIN_OPERATIONS = EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION,
            DiffFlags.OMIT_COPY_OPERATION, DiffFlags.OMIT_VALUE_ON_REMOVE);

    private final GuardedRequestReader reader;
    private final PolicyStore policies;
    private final Catalog catalog;
    private final LiveState liveState;
    private final ObjectMapper mapper;
    private final TaggedMeters<Counter> mutations;

    public MutationEngine(GuardedRequestReader reader, PolicyStore policies, Catalog catalog, LiveState liveState,
                          ObjectMapper mapper, MeterRegistry metrics) {
        this.reader = reader;
        this.policies = policies;
        this.catalog = catalog;
        this.liveState = liveState;
        this.mapper = mapper;
        this.mutations = TaggedMeters.counters(metrics, "cassguard.mutations", "mutation");
    }

    /** What was injected and the patch that does it; {@code patch} is null when nothing changes. */
    public record Result(GuardedRequest request, String policy, List<String> injected, JsonNode patch) {

        static Result none(GuardedRequest request) {
            return new Result(request, null, List.of(), null);
        }
    }

    public Result mutate(AdmissionRequest admission) {
        if (admission.operation() != Operation.CREATE && admission.operation() != Operation.UPDATE) {
            return Result.none(null);
        }
        GuardedRequest request;
        try {
            Optional<GuardedRequest> guarded = reader.read(admission);
            if (guarded.isEmpty() || guarded.get().kind() != GuardedKind.STATEFULSET) {
                return Result.none(guarded.orElse(null));
            }
            request = guarded.get();
        } catch (MalformedObjectException e) {
            return Result.none(null); // the validating webhook denies it with the field path
        }
        StatefulSet statefulSet = request.newAs(StatefulSet.class);
        Set<String> skipped = skipped(request);
        if (skipped.contains("all")) {
            return Result.none(request);
        }
        Optional<CompiledPolicy> selected = policies.select(admission.namespace(), request.labels(),
                liveState.namespaceLabels(admission.namespace()));
        if (selected.isEmpty() || (CassandraStatefulSets.isOwnedByCassandraCluster(statefulSet) && !selected.get().spec().mutateOperatorOwned)) {
            return Result.none(request);
        }
        CompiledPolicy policy = selected.get();
        if (admission.operation() == Operation.UPDATE && podTemplateUnchanged(request)) {
            // everything cassguard injects lives in the pod template: changing it now would restart every pod
            return new Result(request, policy.name(), List.of(), null);
        }
        JsonNode before = mapper.valueToTree(statefulSet);
        StatefulSet mutated = mapper.convertValue(before, StatefulSet.class);
        List<String> injected = catalog.mutations().stream()
                .filter(mutation -> !skipped.contains(mutation.id()))
                .filter(mutation -> apply(mutation, policy.settings(mutation), request, mutated))
                .map(Mutation::id)
                .toList();
        if (injected.isEmpty()) {
            return new Result(request, policy.name(), List.of(), null);
        }
        recordInjected(mutated, injected);
        injected.forEach(id -> mutations.get(id).increment());
        JsonNode patch = JsonDiff.asJson(before, mapper.valueToTree(mutated), PLAIN_OPERATIONS);
        return new Result(request, policy.name(), injected, patch);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean apply(Mutation mutation, MutationSettings settings, GuardedRequest request, StatefulSet statefulSet) {
        return settings.enabled() && mutation.apply(new MutationContext<>(request, settings.parameters(), liveState), statefulSet);
    }

    private static boolean podTemplateUnchanged(GuardedRequest request) {
        StatefulSet before = request.oldAs(StatefulSet.class);
        StatefulSet after = request.newAs(StatefulSet.class);
        return before != null && before.getSpec() != null && after.getSpec() != null
                && Objects.equals(before.getSpec().getTemplate(), after.getSpec().getTemplate());
    }

    private static Set<String> skipped(GuardedRequest request) {
        String value = request.annotations().getOrDefault(Annotations.SKIP_MUTATIONS, "");
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /** Keeps {@code cassguard.io/mutations} on the StatefulSet's metadata: what cassguard ever injected there. */
    private static void recordInjected(StatefulSet statefulSet, List<String> injected) {
        Map<String, String> annotations = statefulSet.getMetadata().getAnnotations() == null
                ? new LinkedHashMap<>() : new LinkedHashMap<>(statefulSet.getMetadata().getAnnotations());
        Set<String> all = new TreeSet<>(injected);
        String earlier = annotations.getOrDefault(Annotations.MUTATIONS, "");
        Arrays.stream(earlier.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(all::add);
        annotations.put(Annotations.MUTATIONS, String.join(",", all));
        statefulSet.getMetadata().setAnnotations(annotations);
    }
}
