package io.cassguard.engine.rules;

import io.cassguard.model.Action;
import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.model.PolicyNames;

import java.util.List;

/**
 * A validation rule. Each rule is one CDI bean; the engine finds it, reads its parameters from the policy
 * ({@code spec.rules.<policyName>}) into {@link #parametersType()}, and applies its action.
 *
 * @param <P> the rule's parameters; a class with public fields whose initial values are the defaults
 */
public interface Rule<P> {

    /** The rule id of DESIGN §5, e.g. {@code scale-down-step}. */
    String id();

    Action defaultAction();

    Class<P> parametersType();

    /** Whether the rule has anything to say about this request (kind and operation). */
    boolean appliesTo(GuardedRequest request);

    List<Violation> check(RuleContext<P> context);

    /** The key under {@code spec.rules} in a policy: the id in camel case. */
    default String policyName() {
        return PolicyNames.camelCase(id());
    }
}
