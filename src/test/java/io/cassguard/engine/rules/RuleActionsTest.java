package io.cassguard.engine.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.cassguard.engine.policy.Catalog;
import io.cassguard.support.Admission;
import io.cassguard.support.ValidationCase;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.cassguard.support.Admission.inNamespace;
import static io.cassguard.support.Admission.post;
import static io.cassguard.support.ValidationCase.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule in each action (DESIGN §5): the same finding is denied under Enforce, allowed with a warning under Warn,
 * only recorded under Audit, and not looked for under Disabled. The test policies rules-enforce, rules-warn,
 * rules-audit and rules-disabled set every rule to one action in the namespace of their name.
 */
@QuarkusTest
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

        JsonNode review(String namespace) {
            return inNamespace(Admission.fixture("reviews/" + fixture + ".yaml"), namespace);
        }

        /** The line as the review sent for {@code namespace} gets it (deletion-protection names the namespace). */
        String line(String namespace) {
            String sent = Admission.fixture("reviews/" + fixture + ".yaml").at("/request/namespace").asText();
            return line.replace(" " + sent + "/", " " + namespace + "/").replace(" -n " + sent + " ", " -n " + namespace + " ");
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
     * still replicating to the datacenter, DESIGN §8b); from the objects alone its finding stays a warning.
     */
    static List<Finding> refusedWhenEnforced() {
        return findings().stream().filter(finding -> !finding.rule().equals("dc-decommission")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedWhenEnforced")
    void enforceDeniesWithTheFindingAndTheOverrideAnnotation(Finding finding) {
        JsonNode response = post("/validate", finding.review("rules-enforce"));

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/message").asText()).isEqualTo(finding.line("rules-enforce") + "\n"
                + "To override (only for groups [system:masters] of policy rules-enforce), annotate the object"
                + " with cassguard.io/override: \"" + finding.rule() + "\" and cassguard.io/override-reason: \"<why>\".");
        assertThat(response.has("warnings")).isFalse();
    }

    @Test
    void enforcedDcDecommissionOnlyWarnsWhileCassandraHasNotBeenRead() {
        Finding finding = Finding.of("dc-decommission");

        JsonNode response = post("/validate", finding.review("rules-enforce"));

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(texts(response.path("warnings"))).containsExactly(finding.line());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("findings")
    void warnAllowsWithTheFindingAsAWarningOfAtMost120Characters(Finding finding) {
        JsonNode response = post("/validate", finding.review("rules-warn"));

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("status")).isFalse();
        String line = finding.line("rules-warn");
        assertThat(texts(response.path("warnings")))
                .containsExactly(line.length() <= 120 ? line : line.substring(0, 119) + "…");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("findings")
    void auditAllowsSilentlyAndOnlyRecordsTheFinding(Finding finding) {
        double audited = ruleResults(finding.rule(), "audited");

        JsonNode response = post("/validate", finding.review("rules-audit"));

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("status")).isFalse();
        assertThat(response.has("warnings")).isFalse();
        assertThat(ruleResults(finding.rule(), "audited")).isEqualTo(audited + 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("findings")
    void disabledDoesNotEvaluateTheRule(Finding finding) {
        double evaluated = ruleResults(finding.rule(), null);

        JsonNode response = post("/validate", finding.review("rules-disabled"));

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("status")).isFalse();
        assertThat(response.has("warnings")).isFalse();
        assertThat(ruleResults(finding.rule(), null)).isEqualTo(evaluated);
    }

    /** cassguard_rule_results_total of a rule for one result, or for every result when {@code result} is null. */
    private static double ruleResults(String rule, String result) {
        String metrics = Admission.management().get("/q/metrics").then().statusCode(200).extract().asString();
        Pattern sample = Pattern.compile("^cassguard_rule_results_total\\{(.*)} (\\S+)$");
        return Arrays.stream(metrics.split("\n"))
                .map(sample::matcher)
                .filter(Matcher::matches)
                .filter(m -> m.group(1).contains("rule=\"" + rule + "\"")
                        && (result == null || m.group(1).contains("result=\"" + result + "\"")))
                .mapToDouble(m -> Double.parseDouble(m.group(2)))
                .sum();
    }
}
