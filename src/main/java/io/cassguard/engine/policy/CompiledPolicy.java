package io.cassguard.engine.policy;

import io.cassguard.model.GuardrailPolicySpec;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A validated policy, ready for admission: every rule and mutation of the catalog with its settings, the ones the
 * policy leaves out at their defaults, in catalog order.
 *
 * @param source           where it came from: a file path, or {@code cluster} for a GuardrailPolicy object
 * @param ignoredKeyspaces {@code spec.cassandra.ignoreKeyspaces}, made a set once rather than on every request
 */
public record CompiledPolicy(
        String name,
        String source,
        long generation,
        GuardrailPolicySpec spec,
        List<ConfiguredRule<?>> rules,
        List<ConfiguredMutation<?>> mutations,
        Set<String> ignoredKeyspaces) {

    public CompiledPolicy(String name, String source, long generation, GuardrailPolicySpec spec,
                          List<ConfiguredRule<?>> rules, List<ConfiguredMutation<?>> mutations) {
        this(name, source, generation, spec, rules, mutations, Set.copyOf(spec.cassandra.ignoreKeyspaces));
    }

    public ConfiguredRule<?> rule(String id) {
        return rules.stream().filter(rule -> rule.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no rule " + id));
    }

    public ConfiguredMutation<?> mutation(String id) {
        return mutations.stream().filter(mutation -> mutation.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no mutation " + id));
    }

    public int priority() {
        return spec.priority;
    }
}
