package io.cassguard.engine.decision;

import com.fasterxml.jackson.databind.JsonNode;
import io.cassguard.engine.fixtures.EngineFixtures;
import io.cassguard.engine.fixtures.Engines;
import io.cassguard.engine.fixtures.ValidationCase;
import io.cassguard.engine.policy.Catalog;
import io.cassguard.model.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule in each action: the same finding is denied under Enforce, allowed with a warning under Warn, only
 * recorded under Audit, and not looked for under Disabled. The test policies rules-enforce, rules-warn, rules-audit
 * and rules-disabled set every rule to one action in the namespace of their name.
 */
class RuleActionsTest {

    /**
     * A fixture in which the rule alone finds something, from cases/cassandracluster.yaml, for each rule of the
     * catalog: a rule added to the catalog without one here fails every test of this class.
     */
    private static final Map<String, String> FIXTURES = Map.ofEntries(
            Map.entry("dc-decommission", "cassandracluster-dc2-nodes-to-0-warned"),
            Map.entry("deletion-protection", "cassandracluster-delete-refused"),
            Map.entry("immutable-field", "cassandracluster-num-tokens-change-refused"),
            Map.entry("min-dc-size", "cassandracluster-two-dcs-dc2-below-minimum-refused"),
            Map.entry("mixed-change", "cassandracluster-upgrade-and-scale-up-at-once-refused"),
            Map.entry("scale-down-step", "cassandracluster-three-racks-3-to-1-refused"),
            Map.entry("scale-to-zero", "cassandracluster-cluster-level-nodes-to-0-refused"),
            Map.entry("storage-shrink", "cassandracluster-storage-shrink-refused"),
            Map.entry("topology-removal", "cassandracluster-remove-dc-with-nodes-refused"),
            Map.entry("unhealthy-cluster", "cassandracluster-scale-down-while-pending-refused"),
            Map.entry("version-downgrade", "cassandracluster-downgrade-4.1-to-4.0-refused"),
            Map.entry("version-skip", "cassandracluster-upgrade-3.11-to-5.0-refused"),
            Map.entry("version-unpinned", "cassandracluster-image-latest-refused"));

    /** A fixture in which the rule alone finds something, and that finding's line (from cases/cassandracluster.yaml). */
    record Finding(String rule, String fixture, String line) {

        static Finding of(String rule) {
            String fixture = FIXTURES.get(rule);
            assertThat(fixture).as("a fixture of cases/cassandracluster.yaml for rule " + rule).isNotNull();
            ValidationCase answer = ValidationCase.of("cases/cassandracluster.yaml", fixture);
            String line = answer.allowed() ? answer.warnings().get(0) : answer.message().lines().findFirst().orElseThrow();
            assertThat(line).startsWith("[" + rule + "] ");
            return new Finding(rule, fixture, line);
        }

        /** The engine's decision on the fixture sent for {@code namespace}, whose test policy sets the action. */
        Decision decidedIn(String namespace) {
            return Engines.standalone().validation().validate(EngineFixtures.admission(EngineFixtures.inNamespace(review(), namespace)));
        }

        /** The line as the review sent for {@code namespace} gets it (deletion-protection names the namespace). */
        String line(String namespace) {
            String sent = review().at("/request/namespace").asText();
            return line.replace(" " + sent + "/", " " + namespace + "/").replace(" -n " + sent + " ", " -n " + namespace + " ");
        }

        private JsonNode review() {
            return EngineFixtures.review(fixture);
        }

        @Override
        public String toString() {
            return rule;
        }
    }

    /** Every rule of the catalog. */
    static List<Finding> findings() {
        return Catalog.standard().rules().stream().map(rule -> Finding.of(rule.id())).toList();
    }

    /**
     * The findings an enforced rule refuses. dc-decommission refuses only what Cassandra itself reports (keyspaces
     * still replicating to the datacenter); from the objects alone its finding stays a warning.
     */
    static List<Finding> refusedWhenEnforced() {
        return findings().stream().filter(finding -> !finding.rule().equals("dc-decommission")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedWhenEnforced")
    void enforceDeniesWithTheFindingAndTheOverrideAnnotation(Finding finding) {
        Decision decision = finding.decidedIn("rules-enforce");

        assertThat(decision.verdict()).isEqualTo(Verdict.DENIED);
        assertThat(decision.denialMessage()).isEqualTo(finding.line("rules-enforce") + "\n"
                + "To override (only for groups [system:masters] of policy rules-enforce), annotate the object"
                + " with cassguard.io/override: \"" + finding.rule() + "\" and cassguard.io/override-reason: \"<why>\".");
        assertThat(decision.shownWarnings()).isEmpty();
    }

    @Test
    void enforcedDcDecommissionOnlyWarnsWhileCassandraHasNotBeenRead() {
        Finding finding = Finding.of("dc-decommission");

        Decision decision = finding.decidedIn("rules-enforce");

        assertThat(decision.verdict()).isEqualTo(Verdict.WARNED);
        assertThat(decision.shownWarnings()).containsExactly(finding.line());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("findings")
    void warnAllowsWithTheFindingAsAWarningOfAtMost120Characters(Finding finding) {
        Decision decision = finding.decidedIn("rules-warn");

        assertThat(decision.verdict()).isEqualTo(Verdict.WARNED);
        String line = finding.line("rules-warn");
        assertThat(decision.shownWarnings()).containsExactly(line.length() <= 120 ? line : line.substring(0, 119) + "…");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("findings")
    void auditAllowsSilentlyAndOnlyRecordsTheFinding(Finding finding) {
        Decision decision = finding.decidedIn("rules-audit");

        assertThat(decision.verdict()).isEqualTo(Verdict.AUDITED);
        assertThat(decision.shownWarnings()).isEmpty();
        assertThat(decision.outcomes()).extracting(RuleOutcome::ruleId, RuleOutcome::result)
                .containsExactly(org.assertj.core.api.Assertions.tuple(finding.rule(), Verdict.AUDITED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("findings")
    void disabledDoesNotEvaluateTheRule(Finding finding) {
        Decision decision = finding.decidedIn("rules-disabled");

        assertThat(decision.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(decision.outcomes()).isEmpty();
        assertThat(decision.passed()).doesNotContain(finding.rule());
    }
}
