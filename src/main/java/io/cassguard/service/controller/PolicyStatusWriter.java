package io.cassguard.service.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.engine.policy.CompiledPolicy;
import io.cassguard.model.GuardrailPolicyStatus;
import io.cassguard.service.kubernetes.KubernetesCaches;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes {@code GuardrailPolicy.status} (docs/architecture.md): conditions {@code Ready} and {@code Invalid} with reason and
 * message, {@code observedGeneration}, and how many guarded objects the policy governs. Written through the status
 * subresource, and only when it changed, so that a quiet cluster sees no writes.
 */
@ApplicationScoped
public class PolicyStatusWriter {

    private static final Logger LOG = Logger.getLogger(PolicyStatusWriter.class);
    /** Equal JSON values, whichever Java number type each side was read into (a generation as int or long). */
    private static final Comparator<JsonNode> SAME_VALUES = (a, b) -> a.equals(b)
            || a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;

    private final KubernetesCaches caches;
    private final ClusterPolicies clusterPolicies;
    private final GuardedObjects guarded;
    private final Instance<KubernetesClient> clients;
    private final ObjectMapper mapper;

    public PolicyStatusWriter(KubernetesCaches caches, ClusterPolicies clusterPolicies, GuardedObjects guarded,
                              Instance<KubernetesClient> clients, ObjectMapper mapper) {
        this.caches = caches;
        this.clusterPolicies = clusterPolicies;
        this.guarded = guarded;
        this.clients = clients;
        this.mapper = mapper;
    }

    /** Brings every policy's status up to date. */
    public void writeChanged(Writes writes) {
        Map<String, Long> governed = guarded.all().stream().map(guarded::policy).flatMap(Optional::stream)
                .collect(Collectors.groupingBy(CompiledPolicy::name, Collectors.counting()));
        for (GenericKubernetesResource object : caches.guardrailPolicies()) {
            Optional<ClusterPolicies.Outcome> outcome = clusterPolicies.outcome(object.getMetadata().getName());
            if (outcome.isPresent()) { // else not compiled yet: the next pass writes it
                writes.attempt("GuardrailPolicy " + object.getMetadata().getName() + " status",
                        () -> writeIfChanged(object, outcome.get(), governed));
            }
        }
    }

    private boolean writeIfChanged(GenericKubernetesResource object, ClusterPolicies.Outcome outcome, Map<String, Long> governed) {
        JsonNode current = mapper.valueToTree(object).path("status");
        JsonNode desired = mapper.valueToTree(status(outcome, governed, current));
        if (desired.equals(SAME_VALUES, current)) {
            return false;
        }
        ObjectNode updated = mapper.valueToTree(object);
        updated.set("status", desired);
        clients.get().genericKubernetesResources(KubernetesCaches.GUARDRAIL_POLICIES)
                .resource(mapper.convertValue(updated, GenericKubernetesResource.class)).updateStatus();
        LOG.debugf("GuardrailPolicy %s status written: %s", object.getMetadata().getName(), desired);
        return true;
    }

    private GuardrailPolicyStatus status(ClusterPolicies.Outcome outcome, Map<String, Long> governed, JsonNode current) {
        CompiledPolicy inForce = outcome.inForce();
        GuardrailPolicyStatus status = new GuardrailPolicyStatus();
        status.observedGeneration = outcome.generation();
        status.governedObjects = inForce == null ? 0 : governed.getOrDefault(outcome.name(), 0L).intValue();
        Map<String, Condition> earlier = conditions(current);
        if (outcome.valid()) {
            status.conditions = List.of(
                    condition(earlier, "Ready", "True", "InForce", "generation " + outcome.generation() + " is in force", outcome),
                    condition(earlier, "Invalid", "False", "Valid", "the policy compiles", outcome));
        } else {
            String kept = inForce == null
                    ? "nothing of this policy is in force"
                    : "generation " + inForce.generation() + " stays in force";
            status.conditions = List.of(
                    condition(earlier, "Ready", "False", "Invalid",
                            "generation " + outcome.generation() + " is invalid; " + kept, outcome),
                    condition(earlier, "Invalid", "True", "InvalidSpec", outcome.problem(), outcome));
        }
        return status;
    }

    /** A condition keeps its lastTransitionTime while its status stays the same. */
    private static Condition condition(Map<String, Condition> earlier, String type, String status, String reason,
                                       String message, ClusterPolicies.Outcome outcome) {
        Condition before = earlier.get(type);
        String since = before != null && status.equals(before.getStatus()) && before.getLastTransitionTime() != null
                ? before.getLastTransitionTime() : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withObservedGeneration(outcome.generation()).withLastTransitionTime(since).build();
    }

    private Map<String, Condition> conditions(JsonNode status) {
        if (!status.has("conditions")) {
            return Map.of();
        }
        GuardrailPolicyStatus earlier = mapper.convertValue(status, GuardrailPolicyStatus.class);
        return earlier.conditions.stream().filter(c -> c.getType() != null)
                .collect(Collectors.toMap(Condition::getType, Function.identity(), (first, second) -> first));
    }
}
