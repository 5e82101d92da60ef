package io.cassguard.engine.policy;

import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.rules.Rule;
import io.cassguard.engine.rules.RuleContext;
import io.cassguard.engine.rules.Violation;
import io.cassguard.model.Action;

import java.util.List;

/** A rule as one policy configures it: its action and its parameters, typed as the rule declares them. */
public record ConfiguredRule<P>(Rule<P> rule, Action action, P parameters) {

    public String id() {
        return rule.id();
    }

    /** Runs the rule on a request, with this policy's parameters and the views the request's rules share. */
    public List<Violation> check(RuleContext<?> request) {
        return rule.check(request.withParameters(parameters));
    }

    /** Runs the rule on a datacenter as it runs now, the request being the live object it belongs to. */
    public List<Violation> checkDatacenter(ClusterState datacenter, RuleContext<?> request) {
        return rule.checkDatacenter(datacenter, request.withParameters(parameters));
    }
}
