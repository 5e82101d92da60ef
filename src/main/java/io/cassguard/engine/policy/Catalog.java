package io.cassguard.engine.policy;

import io.cassguard.engine.mutations.AntiAffinityMutation;
import io.cassguard.engine.mutations.DrainHookMutation;
import io.cassguard.engine.mutations.ExporterMutation;
import io.cassguard.engine.mutations.Mutation;
import io.cassguard.engine.mutations.SeedsMutation;
import io.cassguard.engine.rules.DcDecommissionRule;
import io.cassguard.engine.rules.DeletionProtectionRule;
import io.cassguard.engine.rules.ImmutableFieldRule;
import io.cassguard.engine.rules.MinDcSizeRule;
import io.cassguard.engine.rules.MixedChangeRule;
import io.cassguard.engine.rules.Rule;
import io.cassguard.engine.rules.ScaleDownStepRule;
import io.cassguard.engine.rules.ScaleToZeroRule;
import io.cassguard.engine.rules.StorageShrinkRule;
import io.cassguard.engine.rules.TopologyRemovalRule;
import io.cassguard.engine.rules.UnhealthyClusterRule;
import io.cassguard.engine.rules.VersionDowngradeRule;
import io.cassguard.engine.rules.VersionSkipRule;
import io.cassguard.engine.rules.VersionUnpinnedRule;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every rule and mutation, in id order, found by the key a policy uses for it. A new rule or mutation is added
 * to {@link #standard()} and nowhere else.
 */
public final class Catalog {

    private final List<Rule<?>> rules;
    private final List<Mutation<?>> mutations;
    private final Map<String, Rule<?>> rulesByPolicyName;
    private final Map<String, Mutation<?>> mutationsByPolicyName;

    public Catalog(List<Rule<?>> rules, List<Mutation<?>> mutations) {
        this.rules = rules.stream().sorted(Comparator.comparing(Rule::id)).toList();
        this.mutations = mutations.stream().sorted(Comparator.comparing(Mutation::id)).toList();
        this.rulesByPolicyName = this.rules.stream().collect(Collectors.toMap(Rule::policyName, Function.identity()));
        this.mutationsByPolicyName = this.mutations.stream()
                .collect(Collectors.toMap(Mutation::policyName, Function.identity()));
    }

    /** The rules and the mutations of docs/rules.md. */
    public static Catalog standard() {
        return new Catalog(
                List.of(new DcDecommissionRule(), new DeletionProtectionRule(), new ImmutableFieldRule(),
                        new MinDcSizeRule(), new MixedChangeRule(), new ScaleDownStepRule(), new ScaleToZeroRule(),
                        new StorageShrinkRule(), new TopologyRemovalRule(), new UnhealthyClusterRule(),
                        new VersionDowngradeRule(), new VersionSkipRule(), new VersionUnpinnedRule()),
                List.of(new AntiAffinityMutation(), new DrainHookMutation(), new ExporterMutation(), new SeedsMutation()));
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
