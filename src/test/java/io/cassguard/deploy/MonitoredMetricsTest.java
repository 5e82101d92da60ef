package io.cassguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.cassguard.support.Admission.management;
import static io.cassguard.support.Admission.mutate;
import static io.cassguard.support.Admission.validate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerts and the dashboard of k8s/monitoring ask only for metrics that a running cassguard exports on /q/metrics,
 * and the dashboard shows every metric cassguard exports.
 */
@QuarkusTest
class MonitoredMetricsTest {

    /** Made by Prometheus itself for every target it scrapes. */
    private static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");
    /**
     * Arrives with the live reader of Cassandra clusters (ARCH: cassguard_cassandra_*), and is exported only once a
     * cluster has been read: until then the alert and the panel that use it cannot be checked against /q/metrics.
     */
    private static final Set<String> ARRIVES_WITH_THE_LIVE_READER = Set.of("cassguard_cassandra_reading_age_seconds");

    private static final Pattern FUNCTION_ARGUMENTS = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern NAME = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool");

    private Set<String> exported;

    /** What a cassguard that has answered a refusal and a mutation exports (some meters appear on first use). */
    @BeforeEach
    void exportedMetrics() {
        validate("reviews/statefulset-delete-unprotected.yaml");
        mutate("reviews/statefulset-create-bare.yaml");
        exported = new TreeSet<>();
        management().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> exported.add(line.split("[{ ]", 2)[0]));
    }

    @Test
    void everyMetricAnAlertAsksForIsExported() throws IOException {
        Map<String, String> used = new TreeMap<>();
        new YAMLMapper().readTree(Path.of("k8s/monitoring/prometheusrule.yaml").toFile()).at("/spec/groups").forEach(group ->
                group.path("rules").forEach(rule -> metricNames(rule.path("expr").asText())
                        .forEach(name -> used.put(name, rule.path("alert").asText()))));
        assertExported(used);
    }

    @Test
    void everyMetricADashboardPanelShowsIsExported() throws IOException {
        assertExported(dashboardMetrics());
    }

    @Test
    void theDashboardShowsEveryMetricCassguardExports() throws IOException {
        Set<String> families = new TreeSet<>();
        exported.stream().filter(name -> name.startsWith("cassguard_"))
                .forEach(name -> families.add(name.replaceAll("_(bucket|count|sum|max)$", "")));
        Set<String> shown = new TreeSet<>();
        dashboardMetrics().keySet().forEach(name -> shown.add(name.replaceAll("_(bucket|count|sum|max)$", "")));
        assertThat(shown).containsAll(families);
    }

    private void assertExported(Map<String, String> used) {
        assertThat(used).isNotEmpty();
        used.forEach((name, where) -> {
            if (MADE_BY_PROMETHEUS.contains(name) || ARRIVES_WITH_THE_LIVE_READER.contains(name) && !exported.contains(name)) {
                return;
            }
            assertThat(exported).as(where + " uses " + name).contains(name);
        });
    }

    /** Metric name to the title of a panel that shows it. */
    private static Map<String, String> dashboardMetrics() throws IOException {
        Map<String, String> used = new TreeMap<>();
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("k8s/monitoring/cassguard-dashboard.json").toFile());
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target ->
                metricNames(target.path("expr").asText()).forEach(name -> used.put(name, panel.path("title").asText()))));
        return used;
    }

    /** The metric names of a PromQL expression: what is left once strings, selectors, ranges, groupings and functions go. */
    static Set<String> metricNames(String expression) {
        String bare = expression.replaceAll("\"[^\"]*\"", "").replaceAll("\\{[^}]*}", "").replaceAll("\\[[^]]*]", "");
        bare = FUNCTION_ARGUMENTS.matcher(bare).replaceAll("");
        Set<String> names = new TreeSet<>();
        Matcher name = NAME.matcher(bare);
        while (name.find()) {
            if (!KEYWORDS.contains(name.group())) {
                names.add(name.group());
            }
        }
        return names;
    }
}
