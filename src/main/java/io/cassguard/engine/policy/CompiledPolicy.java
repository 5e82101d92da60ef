package io.cassguard.engine.policy;

import io.cassguard.model.GuardrailPolicySpec;
import io.cassguard.engine.mutations.Mutation;
import io.cassguard.engine.rules.Rule;

import java.util.Map;

/**
 * A validated policy, ready for admission: every rule and mutation has its settings, the ones the policy
 * leaves out at their defaults.
 *
 * @param source where it came from: a file path, or {@code cluster} for a GuardrailPolicy object
 */
public record CompiledPolicy(
        String name,
        String source,
        long generation,
        GuardrailPolicySpec spec,
        Map<String, RuleSettings> rules,
        Map<String, MutationSettings> mutations) {

    public RuleSettings settings(Rule<?> rule) {
        return rules.get(rule.id());
    }

    public MutationSettings settings(Mutation<?> mutation) {
        return mutations.get(mutation.id());
    }

    public int priority() {
        return spec.priority;
    }
}
