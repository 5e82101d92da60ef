package io.cassguard.engine.decision;

import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.policy.CompiledPolicy;
import io.cassguard.engine.policy.ConfiguredRule;
import io.cassguard.engine.rules.NoParameters;
import io.cassguard.engine.rules.Rule;
import io.cassguard.engine.rules.RuleContext;
import io.cassguard.engine.rules.Violation;
import io.cassguard.model.Action;
import io.cassguard.model.GuardrailPolicySpec;
import io.cassguard.model.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static io.cassguard.engine.fixtures.EngineFixtures.guarded;
import static io.cassguard.engine.fixtures.EngineFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;

/** The one loop that runs a policy's rules for admission and for the background checks alike. */
class RuleRunnerTest {

    private static final RuleContext<?> REQUEST = new RuleContext<>(
            guarded(review("cassandracluster-three-racks-3-to-1-refused"), LiveState.NONE), null, LiveState.NONE);
    private static final ClusterState DC1 = new ClusterState("cassandra", "cluster1", "dc1", List.of());

    private final RuleRunner runner = new RuleRunner();

    /** A rule of this test: applies or not, and finds what it is told, counting its runs. */
    private static final class TestRule implements Rule<NoParameters> {

        private final boolean applies;
        private final Supplier<List<Violation>> finds;
        private final boolean judgesDatacenters;
        private int runs;

        private TestRule(boolean applies, Supplier<List<Violation>> finds, boolean judgesDatacenters) {
            this.applies = applies;
            this.finds = finds;
            this.judgesDatacenters = judgesDatacenters;
        }

        static TestRule finding(Violation... violations) {
            return new TestRule(true, () -> List.of(violations), false);
        }

        @Override
        public String id() {
            return "test-rule";
        }

        @Override
        public Action defaultAction() {
            return Action.Enforce;
        }

        @Override
        public Class<NoParameters> parametersType() {
            return NoParameters.class;
        }

        @Override
        public boolean appliesTo(GuardedRequest request) {
            return applies;
        }

        @Override
        public List<Violation> check(RuleContext<NoParameters> context) {
            runs++;
            return finds.get();
        }

        @Override
        public boolean judgesDatacenters() {
            return judgesDatacenters;
        }

        @Override
        public List<Violation> checkDatacenter(ClusterState datacenter, RuleContext<NoParameters> context) {
            runs++;
            return List.of(Violation.warn("dc " + datacenter.datacenter() + " looked at"));
        }
    }

    @Test
    void aRuleThatFindsNothingPasses() {
        assertThat(run(TestRule.finding(), Action.Enforce))
                .containsExactly(new RuleResult("test-rule", Action.Enforce, Verdict.ALLOWED, "passed", false, null));
    }

    @Test
    void aDisabledRuleIsNotRun() {
        TestRule rule = TestRule.finding(Violation.refuse("found"));

        assertThat(run(rule, Action.Disabled)).isEmpty();
        assertThat(rule.runs).isZero();
    }

    @Test
    void aRuleThatDoesNotApplyToTheRequestIsNotRun() {
        TestRule rule = new TestRule(false, () -> List.of(Violation.refuse("found")), false);

        assertThat(run(rule, Action.Enforce)).isEmpty();
        assertThat(rule.runs).isZero();
    }

    @Test
    void enforceDeniesAViolation() {
        assertThat(run(TestRule.finding(Violation.refuse("found")), Action.Enforce))
                .containsExactly(new RuleResult("test-rule", Action.Enforce, Verdict.DENIED, "found", false, null));
    }

    @Test
    void warnOnlyWarnsOfAViolation() {
        assertThat(run(TestRule.finding(Violation.refuse("found")), Action.Warn))
                .containsExactly(new RuleResult("test-rule", Action.Warn, Verdict.WARNED, "found", false, null));
    }

    @Test
    void auditOnlyRecordsAViolation() {
        assertThat(run(TestRule.finding(Violation.refuse("found")), Action.Audit))
                .containsExactly(new RuleResult("test-rule", Action.Audit, Verdict.AUDITED, "found", false, null));
    }

    @Test
    void aWarningOnlyViolationIsAWarningEvenUnderEnforce() {
        assertThat(run(TestRule.finding(Violation.warn("patch downgrade")), Action.Enforce))
                .containsExactly(new RuleResult("test-rule", Action.Enforce, Verdict.WARNED, "patch downgrade", false, null));
    }

    @Test
    void eachViolationIsAResultOfItsOwn() {
        assertThat(run(TestRule.finding(Violation.refuse("one"), Violation.warn("two")), Action.Enforce)).containsExactly(
                new RuleResult("test-rule", Action.Enforce, Verdict.DENIED, "one", false, null),
                new RuleResult("test-rule", Action.Enforce, Verdict.WARNED, "two", false, null));
    }

    @Test
    void aRuleThatThrowsIsAFailureThatEnforceDenies() {
        TestRule broken = new TestRule(true, () -> {
            throw new IllegalStateException("bug");
        }, false);

        assertThat(run(broken, Action.Enforce)).containsExactly(new RuleResult("test-rule", Action.Enforce, Verdict.DENIED,
                "could not be evaluated (IllegalStateException); the cassguard log has the details", true, null));
    }

    @Test
    void aRuleThatJudgesDatacentersAlsoJudgesEachDatacenterGiven() {
        TestRule rule = new TestRule(false, List::of, true);
        ClusterState dc2 = new ClusterState("cassandra", "cluster1", "dc2", List.of());

        assertThat(runner.run(REQUEST, policy(rule, Action.Enforce), List.of(DC1, dc2))).containsExactly(
                new RuleResult("test-rule", Action.Enforce, Verdict.WARNED, "dc dc1 looked at", false, null),
                new RuleResult("test-rule", Action.Enforce, Verdict.WARNED, "dc dc2 looked at", false, null));
    }

    private List<RuleResult> run(TestRule rule, Action action) {
        return runner.run(REQUEST, policy(rule, action));
    }

    /** A policy of {@code rule} alone, with {@code action}. */
    private static CompiledPolicy policy(TestRule rule, Action action) {
        return new CompiledPolicy("test", "test", 0, new GuardrailPolicySpec(),
                List.of(new ConfiguredRule<>(rule, action, new NoParameters())), List.of());
    }
}
