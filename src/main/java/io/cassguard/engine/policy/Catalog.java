package io.cassguard.engine.policy;

import io.cassguard.engine.mutations.Mutation;
import io.cassguard.engine.rules.Rule;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every rule and mutation bean, in id order, found by the key a policy uses for it. */
@ApplicationScoped
public class Catalog {

    private final List<Rule<?>> rules;
    private final List<Mutation<?>> mutations;
    private final Map<String, Rule<?>> rulesByPolicyName;
    private final Map<String, Mutation<?>> mutationsByPolicyName;

    public Catalog(@All List<Rule<?>> rules, @All List<Mutation<?>> mutations) {
        this.rules = rules.stream().sorted(Comparator.comparing(Rule::id)).toList();
        this.mutations = mutations.stream().sorted(Comparator.comparing(Mutation::id)).toList();
        this.rulesByPolicyName = this.rules.stream().collect(Collectors.toMap(Rule::policyName, Function.identity()));
        this.mutationsByPolicyName = this.mutations.stream()
                .collect(Collectors.toMap(Mutation::policyName, Function.identity()));
    }

    public List<Rule<?>> rules() {
        return rules;
    }

    public List<Mutation<?>> mutations() {
        return mutations;
    }

    public Optional<Rule<?>> ruleByPolicyName(String name) {
        return Optional.ofNullable(rulesByPolicyName.get(name));
    }

    public Optional<Mutation<?>> mutationByPolicyName(String name) {
        return Optional.ofNullable(mutationsByPolicyName.get(name));
    }
}
