package io.cassguard.engine.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.model.AdmissionRequest;
import io.cassguard.model.Operation;
import io.cassguard.engine.cluster.Annotations;
import io.cassguard.engine.cluster.CassandraStatefulSets;
import io.cassguard.engine.cluster.GuardedKind;
import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.engine.cluster.GuardedRequestReader;
import io.cassguard.model.MalformedObjectException;
import io.cassguard.engine.policy.CompiledPolicy;
import io.cassguard.engine.policy.ConfiguredMutation;
import io.cassguard.engine.policy.PolicyStore;
import io.cassguard.engine.cluster.LiveState;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.zjsonpatch.DiffFlags;
import io.fabric8.zjsonpatch.JsonDiff;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Mutates Cassandra StatefulSets (docs/rules.md): runs every enabled mutation on a copy and answers the JSON Patch
 * from the request's object to the copy, computed by zjsonpatch; no change, no patch.
 */
public class MutationEngine {

    /** Plain add/remove/replace: the API server takes move and copy too, but a reader of the patch should not need to. */
    private static final EnumSet<DiffFlags> PLAIN_OPERATIONS = EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION,
            DiffFlags.OMIT_COPY_OPERATION, DiffFlags.OMIT_VALUE_ON_REMOVE);

    private final GuardedRequestReader reader;
    private final PolicyStore policies;
    private final LiveState liveState;
    private final ObjectMapper mapper;

    public MutationEngine(GuardedRequestReader reader, PolicyStore policies, LiveState liveState, ObjectMapper mapper) {
        this.reader = reader;
        this.policies = policies;
        this.liveState = liveState;
        this.mapper = mapper;
    }

    /**
     * What was injected and the patch that does it; {@code patch} is null when nothing changes.
     *
     * @param request  the request as read; a mutated StatefulSet's new object is the mutated one
     * @param warnings what the mutations kept although it falls short, for {@code response.warnings}
     */
    public record Result(GuardedRequest request, String policy, List<String> injected, JsonNode patch, List<String> warnings) {

        static Result none(GuardedRequest request) {
            return new Result(request, null, List.of(), null, List.of());
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
        if (selected.isEmpty() || CassandraStatefulSets.madeByCassOperator(statefulSet)
                || (CassandraStatefulSets.isControllerOwned(statefulSet) && !selected.get().spec().mutateOperatorOwned)) {
            return Result.none(request);
        }
        CompiledPolicy policy = selected.get();
        if (admission.operation() == Operation.UPDATE && podTemplateUnchanged(request)) {
            // everything cassguard injects lives in the pod template: changing it now would restart every pod
            return new Result(request, policy.name(), List.of(), null, List.of());
        }
        // The reader made this object for this call alone: the mutations change it in place, no copy needed (a deep
        // copy through Jackson cost a tenth of a mutation). What it was is kept as a tree, to diff against.
        JsonNode before = changeable(statefulSet);
        List<String> warnings = new ArrayList<>();
        List<String> injected = policy.mutations().stream()
                .filter(mutation -> !skipped.contains(mutation.id()))
                .filter(mutation -> mutation.apply(request, liveState, statefulSet, warnings))
                .map(ConfiguredMutation::id)
                .toList();
        if (injected.isEmpty()) {
            return new Result(request, policy.name(), List.of(), null, List.copyOf(warnings));
        }
        recordInjected(statefulSet, injected);
        JsonNode patch = JsonDiff.asJson(before, changeable(statefulSet), PLAIN_OPERATIONS);
        return new Result(request, policy.name(), injected, patch, List.copyOf(warnings));
    }

    /**
     * The parts of the StatefulSet a mutation may change, at their places in the object: the pod template (every
     * mutation's field, see {@link io.cassguard.engine.mutations.Mutation}) and the annotations (where
     * {@link #recordInjected} notes what was injected). Only these are turned into trees and compared: the rest of the
     * object (managed fields, claim templates, status) was two thirds of a whole object's conversion and diff, and
     * could only ever compare equal. A part the object does not have is left out, so that the patch adds it.
     */
    private JsonNode changeable(StatefulSet statefulSet) {
        // metadata and spec are always there, in the object as here: a part missing here is added below them
        ObjectNode parts = mapper.createObjectNode();
        ObjectNode metadata = parts.putObject("metadata");
        ObjectNode spec = parts.putObject("spec");
        Map<String, String> annotations = statefulSet.getMetadata().getAnnotations();
        if (annotations != null && !annotations.isEmpty()) { // fabric8 reads a missing map as an empty one
            metadata.set("annotations", mapper.valueToTree(annotations));
        }
        if (statefulSet.getSpec() != null && statefulSet.getSpec().getTemplate() != null) {
            spec.set("template", mapper.valueToTree(statefulSet.getSpec().getTemplate()));
        }
        return parts;
    }

    private static boolean podTemplateUnchanged(GuardedRequest request) {
        StatefulSet before = request.oldAs(StatefulSet.class);
        StatefulSet after = request.newAs(StatefulSet.class);
        return before != null && before.getSpec() != null && after.getSpec() != null
                && Objects.equals(before.getSpec().getTemplate(), after.getSpec().getTemplate());
    }

    private static Set<String> skipped(GuardedRequest request) {
        return Annotations.list(request.annotations().get(Annotations.SKIP_MUTATIONS));
    }

    /** Keeps {@code cassguard.io/mutations} on the StatefulSet's metadata: what cassguard ever injected there. */
    private static void recordInjected(StatefulSet statefulSet, List<String> injected) {
        Map<String, String> annotations = statefulSet.getMetadata().getAnnotations() == null
                ? new LinkedHashMap<>() : new LinkedHashMap<>(statefulSet.getMetadata().getAnnotations());
        Set<String> all = new TreeSet<>(injected);
        all.addAll(Annotations.list(annotations.get(Annotations.MUTATIONS)));
        annotations.put(Annotations.MUTATIONS, String.join(",", all));
        statefulSet.getMetadata().setAnnotations(annotations);
    }
}
