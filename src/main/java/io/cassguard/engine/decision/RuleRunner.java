package io.cassguard.engine.decision;

import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.policy.CompiledPolicy;
import io.cassguard.engine.policy.ConfiguredRule;
import io.cassguard.engine.rules.RuleContext;
import io.cassguard.engine.rules.Violation;
import io.cassguard.model.Action;
import io.cassguard.model.Verdict;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the rules of a policy, for admission and for the controller's background checks alike: skips what is
 * disabled or does not apply, turns violations into results by the rule's action, and turns a rule that fails
 * into a result instead of an exception.
 */
public final class RuleRunner {

    private static final Logger LOG = Logger.getLogger(RuleRunner.class);

    /** The results of every enabled rule that applies to the request: one pass, or one per violation. */
    public List<RuleResult> run(RuleContext<?> request, CompiledPolicy policy) {
        return run(request, policy, List.of());
    }

    /**
     * As {@link #run(RuleContext, CompiledPolicy)}, and the rules that judge datacenters also judge each of
     * {@code datacenters} as it runs now.
     */
    public List<RuleResult> run(RuleContext<?> request, CompiledPolicy policy, List<ClusterState> datacenters) {
        List<RuleResult> results = new ArrayList<>();
        for (ConfiguredRule<?> rule : policy.rules()) {
            boolean judgesRequest = rule.rule().appliesTo(request.request());
            boolean judgesDatacenters = rule.rule().judgesDatacenters() && !datacenters.isEmpty();
            if (rule.action() == Action.Disabled || !judgesRequest && !judgesDatacenters) {
                continue;
            }
            List<Violation> violations = new ArrayList<>();
            if (judgesRequest) {
                violations.addAll(evaluate(rule, request, () -> rule.check(request)));
            }
            if (judgesDatacenters) {
                datacenters.forEach(datacenter -> violations.addAll(evaluate(rule, request,
                        () -> rule.checkDatacenter(datacenter, request))));
            }
            if (violations.isEmpty()) {
                results.add(RuleResult.pass(rule.id(), rule.action()));
            }
            violations.forEach(violation -> results.add(result(rule, violation)));
        }
        return results;
    }

    private static List<Violation> evaluate(ConfiguredRule<?> rule, RuleContext<?> request, Supplier<List<Violation>> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            // A rule that fails must not let a dangerous change through, nor crash the webhook.
            LOG.errorf(e, "rule %s failed on %s %s", rule.id(), request.request().kind(), request.request().objectName());
            return List.of(Violation.ruleFailure("could not be evaluated (" + e.getClass().getSimpleName()
                    + "); the cassguard log has the details"));
        }
    }

    private static RuleResult result(ConfiguredRule<?> rule, Violation violation) {
        Verdict verdict = switch (rule.action()) {
            case Enforce -> violation.kind() == Violation.Kind.WARNING ? Verdict.WARNED : Verdict.DENIED;
            case Warn -> Verdict.WARNED;
            default -> Verdict.AUDITED;
        };
        return new RuleResult(rule.id(), rule.action(), verdict, violation.message(),
                violation.kind() == Violation.Kind.RULE_FAILURE,
                violation.nextStep());
    }
}
