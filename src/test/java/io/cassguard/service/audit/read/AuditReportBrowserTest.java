package io.cassguard.service.audit.read;

import io.cassguard.support.Admission;
import io.cassguard.support.Chromium;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.cassguard.support.Admission.asUser;
import static io.cassguard.support.Admission.fixture;
import static io.cassguard.support.Admission.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /audit/report} as a person sees it: a real headless Chromium loads the page after a few decisions by one
 * user and the test reads what is shown (totals, the chart, the rows). The screenshot is left in target/.
 */
@QuarkusTest
class AuditReportBrowserTest {

    private static final String USER = "report-user";
    private static WebDriver browser;

    @BeforeAll
    static void startBrowserAfterAFewDecisions() {
        post("/validate", asUser(fixture("reviews/statefulset-delete-unprotected.yaml"), USER, "system:authenticated"));
        post("/validate", asUser(fixture("reviews/statefulset-delete-in-warn-only-namespace.yaml"), USER, "system:authenticated"));
        post("/validate", asUser(fixture("reviews/statefulset-delete-with-override.yaml"), USER, "system:masters"));
        post("/mutate", asUser(fixture("reviews/statefulset-create-bare.yaml"), USER, "system:authenticated"));
        post("/validate", asUser(fixture("reviews/statefulset-delete-unprotected.yaml"), USER, "system:authenticated"));
        post("/validate", asUser(fixture("reviews/cassandracluster-nodes-not-a-number.yaml"), USER, "system:authenticated"));
        browser = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theReportShowsTotalsAChartOfRefusalsPerRuleAndTheRecentRefusals() {
        browser.get(Admission.uri("/audit/report?user=" + USER).toString());
        Chromium.screenshot(browser, Path.of("target/audit-report.png"));

        assertThat(browser.getTitle()).isEqualTo("cassguard · audit report");
        assertThat(totals()).isEqualTo(Map.of("records", "6", "denied", "3", "warned", "1", "overridden", "1",
                "audited", "0", "exempted", "0", "mutated", "1"));

        WebElement chart = browser.findElement(By.id("refusal-chart"));
        assertThat(chart.isDisplayed()).isTrue();
        assertThat(chart.getSize().getWidth()).isGreaterThan(600);
        List<WebElement> bars = chart.findElements(By.cssSelector("rect.bar"));
        assertThat(bars).isNotEmpty().allSatisfy(bar -> assertThat(bar.getSize().getHeight()).isPositive());
        assertThat(refusalsPerRuleInTheChart(bars)).isEqualTo(Map.of("deletion-protection", 2, "malformed-object", 1));
        assertThat(browser.findElement(By.className("legend")).getText())
                .contains("deletion-protection (2)").contains("malformed-object (1)");

        assertThat(rows("by-rule")).containsExactly(
                List.of("anti-affinity", "0", "0", "0", "0", "1", "1"),
                List.of("deletion-protection", "2", "1", "1", "0", "0", "4"),
                List.of("drain-hook", "0", "0", "0", "0", "1", "1"),
                List.of("exporter", "0", "0", "0", "0", "1", "1"),
                List.of("malformed-object", "1", "0", "0", "0", "0", "1"),
                List.of("seeds", "0", "0", "0", "0", "1", "1"));

        List<List<String>> refusals = rows("refusals");
        assertThat(refusals).hasSize(3);
        assertThat(refusals).extracting(row -> row.subList(1, 4)).containsExactly(
                List.of(USER, "CassandraCluster cassandra/cluster1", "malformed-object"),
                List.of(USER, "StatefulSet cassandra/cassandra-dc1-rack1", "deletion-protection"),
                List.of(USER, "StatefulSet cassandra/cassandra-dc1-rack1", "deletion-protection"));
        assertThat(refusals.get(0).get(0)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(refusals.get(0).get(4)).isEqualTo("[malformed-object] CassandraCluster cluster1: spec.nodesPerRacks:"
                + " \"three\" is not an integer");
        assertThat(refusals.get(1).get(4)).startsWith("[deletion-protection] StatefulSet cassandra/cassandra-dc1-rack1 is"
                + " protected against deletion");

        Object fetched = ((JavascriptExecutor) browser).executeScript("return performance.getEntriesByType('resource').length");
        assertThat(fetched).as("resources the page loaded besides itself").isEqualTo(0L);
    }

    @Test
    void theFilterFormNarrowsTheReport() {
        browser.get(Admission.uri("/audit/report?user=" + USER).toString());

        browser.findElement(By.name("rule")).sendKeys("malformed-object");
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();

        assertThat(browser.getCurrentUrl()).contains("user=" + USER).contains("rule=malformed-object");
        assertThat(browser.findElement(By.name("rule")).getAttribute("value")).isEqualTo("malformed-object");
        assertThat(totals()).containsEntry("records", "1").containsEntry("denied", "1");
        assertThat(rows("refusals")).extracting(row -> row.get(3)).containsExactly("malformed-object");
    }

    private static Map<String, String> totals() {
        Map<String, String> totals = new TreeMap<>();
        for (WebElement card : browser.findElements(By.cssSelector("#totals .card"))) {
            totals.put(card.findElement(By.className("label")).getText().toLowerCase(),
                    card.findElement(By.className("value")).getText());
        }
        return totals;
    }

    private static List<List<String>> rows(String table) {
        return browser.findElements(By.cssSelector("#" + table + " tbody tr")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .toList();
    }

    /** Each bar's tooltip says "rule: count from time"; summed per rule over every bar. */
    private static Map<String, Integer> refusalsPerRuleInTheChart(List<WebElement> bars) {
        Pattern title = Pattern.compile("(\\S+): (\\d+) from .*");
        Map<String, Integer> perRule = new TreeMap<>();
        for (WebElement bar : bars) {
            Matcher matcher = title.matcher(bar.findElement(By.tagName("title")).getAttribute("textContent"));
            assertThat(matcher.matches()).isTrue();
            perRule.merge(matcher.group(1), Integer.parseInt(matcher.group(2)), Integer::sum);
        }
        return perRule;
    }
}
