package io.cassguard.service.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.engine.policy.CompiledPolicy;
import io.cassguard.engine.policy.InvalidPolicyException;
import io.cassguard.engine.policy.PolicyCompiler;
import io.cassguard.engine.policy.PolicyStore;
import io.cassguard.service.kubernetes.CacheChanged;
import io.cassguard.service.kubernetes.KubernetesCaches;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Puts the GuardrailPolicy objects of the cluster in force (docs/policy.md): each is compiled like a policy file, and the
 * valid ones go to the {@link PolicyStore}, where they win over a file policy of the same name. An object whose
 * current generation is invalid keeps its last good generation in force. Every replica does this (each one answers
 * admission); only the leader reports the outcome in the object's status.
 *
 * <p>Policies are read from the cache as generic objects, not as typed GuardrailPolicies: typed reading would drop
 * the unknown fields the compiler must refuse, and fail on a wrongly typed one.
 */
@ApplicationScoped
public class ClusterPolicies {

    public static final String SOURCE = "cluster";
    private static final Logger LOG = Logger.getLogger(ClusterPolicies.class);

    /**
     * How one GuardrailPolicy object compiled.
     *
     * @param generation the object's current generation
     * @param inForce    its last good generation, compiled; null when none ever compiled
     * @param problem    why the current generation is invalid; null when it is valid
     */
    public record Outcome(String name, long generation, CompiledPolicy inForce, String problem) {

        public boolean valid() {
            return problem == null;
        }
    }

    private final KubernetesCaches caches;
    private final PolicyCompiler compiler;
    private final PolicyStore store;
    private final ObjectMapper mapper;
    private Map<String, Outcome> outcomes = Map.of();

    public ClusterPolicies(KubernetesCaches caches, PolicyCompiler compiler, PolicyStore store, ObjectMapper mapper) {
        this.caches = caches;
        this.compiler = compiler;
        this.store = store;
        this.mapper = mapper;
    }

    /** Recompiles every policy object on any policy change: there are few, and this keeps no event bookkeeping. */
    synchronized void recompile(@Observes CacheChanged event) {
        if (event.kind() != CacheChanged.Kind.GUARDRAIL_POLICY) {
            return;
        }
        Map<String, Outcome> compiled = new TreeMap<>();
        for (GenericKubernetesResource object : caches.guardrailPolicies()) {
            Outcome outcome = compile(object, outcomes.get(object.getMetadata().getName()));
            compiled.put(outcome.name(), outcome);
        }
        outcomes = compiled;
        store.replaceClusterPolicies(compiled.values().stream().map(Outcome::inForce).filter(Objects::nonNull).toList());
    }

    public synchronized Optional<Outcome> outcome(String name) {
        return Optional.ofNullable(outcomes.get(name));
    }

    public synchronized List<Outcome> outcomes() {
        return List.copyOf(outcomes.values());
    }

    private Outcome compile(GenericKubernetesResource object, Outcome earlier) {
        String name = object.getMetadata().getName();
        long generation = Optional.ofNullable(object.getMetadata().getGeneration()).orElse(0L);
        ObjectNode document = mapper.valueToTree(object);
        document.remove("status"); // written by cassguard itself, not part of what the admin asks for
        try {
            return new Outcome(name, generation, compiler.compile(document, SOURCE), null);
        } catch (InvalidPolicyException e) {
            CompiledPolicy lastGood = earlier == null ? null : earlier.inForce();
            if (earlier == null || earlier.valid() || earlier.generation() != generation) {
                LOG.errorf("GuardrailPolicy %s generation %d is invalid: %s (%s)", name, generation, e.getMessage(),
                        lastGood == null ? "nothing of it is in force" : "generation " + lastGood.generation() + " stays in force");
            }
            return new Outcome(name, generation, lastGood, e.getMessage());
        }
    }
}
