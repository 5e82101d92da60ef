package io.cassguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerting rules of k8s/monitoring, checked by the real promtool: they load, and each alert fires on the series
 * of src/test/resources/monitoring/alerts-test.yaml where it should and not where it should not.
 */
class MonitoringRulesTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path WORK = Path.of("target/monitoring");
    private static final Path RULES = WORK.resolve("cassguard.rules.yaml");
    private static final Path UNIT_TESTS = WORK.resolve("alerts-test.yaml");

    /** The PrometheusRule's spec is a Prometheus rule file: promtool reads it from a copy beside the unit tests. */
    @BeforeAll
    static void extractTheRuleFile() throws Exception {
        Files.createDirectories(WORK);
        JsonNode rule = YAML.readTree(Path.of("k8s/monitoring/prometheusrule.yaml").toFile());
        YAML.writeValue(RULES.toFile(), rule.path("spec"));
        Files.copy(Path.of("src/test/resources/monitoring/alerts-test.yaml"), UNIT_TESTS, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void promtoolAcceptsTheRules() {
        assertThat(Tool.require("promtool").run("check", "rules", RULES.toString())).contains("SUCCESS: 9 rules found");
    }

    @Test
    void everyAlertFiresOnItsSeriesAndOnlyThere() {
        assertThat(Tool.require("promtool").run("test", "rules", UNIT_TESTS.toString())).contains("SUCCESS");
    }

    @Test
    void everyAlertHasSeriesOfItsOwn() throws Exception {
        List<String> alerts = new ArrayList<>();
        YAML.readTree(RULES.toFile()).path("groups").forEach(group ->
                group.path("rules").forEach(rule -> alerts.add(rule.path("alert").asText())));
        List<String> tested = new ArrayList<>();
        YAML.readTree(UNIT_TESTS.toFile()).path("tests").forEach(test -> test.path("alert_rule_test").forEach(check -> {
            if (!check.path("exp_alerts").isEmpty()) {
                tested.add(check.path("alertname").asText());
            }
        }));
        assertThat(tested).containsAll(alerts);
        assertThat(alerts).containsExactlyInAnyOrder("CassguardDown", "CassguardReplicaDown", "CassguardSlow",
                "CassguardRejectingRequests", "CassguardRefusalsSpiking", "CassguardAuditWritesFailing",
                "CassguardAuditEventsDropped", "CassguardPoliciesInvalid", "CassguardCassandraReadingStale");
    }
}
