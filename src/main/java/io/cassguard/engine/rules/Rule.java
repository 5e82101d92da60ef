package io.cassguard.engine.rules;

import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.model.Action;
import io.cassguard.model.PolicyNames;

import java.util.List;

/**
 * A validation rule (docs/rules.md). The {@link io.cassguard.engine.policy.Catalog} lists it; a policy gives it an
 * action and reads its parameters ({@code spec.rules.<policyName>}) into {@link #parametersType()}.
 *
 * @param <P> the rule's parameters; a class with public fields whose initial values are the defaults
 */
public interface Rule<P> {

    /** The rule id of docs/rules.md, e.g. {@code scale-down-step}. */
    String id();

    Action defaultAction();

    Class<P> parametersType();

    /** Whether the rule has anything to say about this request (kind and operation). */
    boolean appliesTo(GuardedRequest request);

    List<Violation> check(RuleContext<P> context);

    /**
     * Whether the rule also judges a datacenter as it runs now, not only a change to it: the controller's background
     * evaluation puts what it finds in the PolicyReport (docs/architecture.md), e.g. a datacenter below its minimum size.
     */
    default boolean judgesDatacenters() {
        return false;
    }

    /**
     * @param datacenter the live state of the datacenter
     * @param context    the live object the result is about (its annotations configure its guardrails), as a CREATE
     */
    default List<Violation> checkDatacenter(ClusterState datacenter, RuleContext<P> context) {
        return List.of();
    }

    /** The key under {@code spec.rules} in a policy: the id in camel case. */
    default String policyName() {
        return PolicyNames.camelCase(id());
    }
}
