package io.cassguard.service.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.cassguard.support.Admission;
import io.cassguard.support.TestEnvironment;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static io.cassguard.support.Admission.asUser;
import static io.cassguard.support.Admission.fixture;
import static io.cassguard.support.Admission.https;
import static io.cassguard.support.Admission.post;
import static io.cassguard.support.Metrics.auditRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The audit trail of docs/audit.md through the real interfaces: decisions over HTTPS, the JSON Lines file,
 * {@code GET /audit} as JSON and CSV, the log line and the metrics. Each test acts as its own user, so that its
 * records are told apart from those of other tests sharing the service.
 */
@QuarkusTest
class AuditTrailTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of("time", "uid", "operation", "kind", "subResource", "namespace",
            "name", "user", "groups", "decision", "rules", "messages", "dryRun", "policy", "change", "results");

    @Test
    void aDenialIsOnDiskInTheApiAndInTheCsvWithEveryField() {
        Instant before = Instant.now().minusMillis(1);
        JsonNode response = post("/validate", asUser(fixture("reviews/statefulset-delete-unprotected.yaml"), "audit-fields",
                "system:authenticated"));
        Instant after = Instant.now();

        assertThat(response.path("allowed").asBoolean()).isFalse();
        JsonNode onDisk = single(linesOnDisk("audit-fields"));
        assertThat(fieldNames(onDisk)).containsExactlyElementsOf(FIELDS);
        assertThat(Instant.parse(onDisk.get("time").asText())).isBetween(before, after);
        assertThat(onDisk.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        JsonNode expected = expected("expected/audit/statefulset-delete-denied.yaml", onDisk);
        assertThat(onDisk).isEqualTo(expected);
        assertThat(single(records("user=audit-fields"))).isEqualTo(expected);
        Map<String, String> row = single(csv("user=audit-fields"));
        assertThat(row.keySet()).containsExactlyElementsOf(FIELDS);
        assertThat(row).isEqualTo(csvRow(expected));
    }

    @Test
    void anExemptUpdateIsRecordedWithWhatItChanged() {
        // other tests post exempt updates of cluster1 by the same operator: only this test's own record counts
        Instant start = Instant.now();
        post("/validate", fixture("reviews/cassandracluster-scale-down-by-exempt-operator.yaml"));

        JsonNode record = single(records("user=system:serviceaccount:team-a:casskop&name=cluster1&since=" + start));
        assertThat(record).isEqualTo(expected("expected/audit/cassandracluster-scale-down-exempted.yaml", record));
    }

    @Test
    void aMutationIsRecordedWithWhatWasInjectedAndTheChange() {
        post("/mutate", asUser(fixture("reviews/statefulset-update-image-bare.yaml"), "audit-mutated",
                "system:authenticated"));

        JsonNode record = single(records("user=audit-mutated"));
        assertThat(record).isEqualTo(expected("expected/audit/statefulset-update-image-mutated.yaml", record));
    }

    @Test
    void anUnreadableUpdateIsRecordedWithoutAPolicy() {
        post("/validate", asUser(fixture("reviews/cassandracluster-update-nodes-not-a-number.yaml"), "audit-malformed",
                "system:authenticated"));

        JsonNode record = single(records("user=audit-malformed"));
        assertThat(record).isEqualTo(expected("expected/audit/cassandracluster-update-malformed-denied.yaml", record));
    }

    @Test
    void aUsedOverrideIsRecordedAsOverridden() {
        post("/validate", asUser(fixture("reviews/statefulset-delete-with-override.yaml"), "audit-root", "system:masters"));

        JsonNode record = single(records("user=audit-root"));
        assertThat(record).isEqualTo(expected("expected/audit/statefulset-delete-overridden.yaml", record));
    }

    @Test
    void warnedAndAuditedDecisionsAreRecordedButAPlainAllowIsNot() {
        post("/validate", asUser(fixture("reviews/statefulset-delete-in-warn-only-namespace.yaml"), "audit-kinds", "g"));
        post("/validate", asUser(fixture("reviews/statefulset-delete-in-audit-only-namespace.yaml"), "audit-kinds", "g"));
        post("/validate", asUser(fixture("reviews/statefulset-delete-allowed-by-annotation.yaml"), "audit-kinds", "g"));

        List<JsonNode> records = records("user=audit-kinds");
        assertThat(records).extracting(r -> r.get("decision").asText()).containsExactly("audited", "warned");
        assertThat(records).extracting(r -> r.get("namespace").asText()).containsExactly("audit-only", "warn-only");
        assertThat(records).extracting(r -> r.get("policy").asText()).containsExactly("audit-only", "warn-only");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.get("rules")).containsExactly(JSON.getNodeFactory().textNode("deletion-protection"));
            assertThat(r.at("/messages/0").asText()).startsWith("[deletion-protection] StatefulSet " + r.get("namespace").asText()
                    + "/cassandra-dc1-rack1 is protected against deletion");
        });
    }

    @Test
    void theHistoryOfAPreviousRunIsReadBackAndItsTornLastLineSkipped() throws IOException {
        List<JsonNode> history = records("namespace=history");

        assertThat(history).extracting(r -> r.get("uid").asText())
                .containsExactly("9d3f0b1e-0000-4000-8000-000000000002", "9d3f0b1e-0000-4000-8000-000000000001");
        List<String> previousRun = Files.readAllLines(Path.of("src/test/resources/audit/previous-run.jsonl"));
        assertThat(history.get(1)).isEqualTo(JSON.readTree(previousRun.get(0)));
        assertThat(history.get(0)).isEqualTo(JSON.readTree(previousRun.get(1)));
        // the torn line stays where the crash left it, on a line of its own: every other line is a whole record
        List<String> unreadable = Files.readAllLines(TestEnvironment.AUDIT_LOG).stream().filter(line -> !parses(line)).toList();
        assertThat(unreadable).containsExactly(previousRun.get(2));
    }

    @Test
    void concurrentDenialsGiveExactlyThatManyWholeLines() {
        int denials = 64;
        String body = asUser(fixture("reviews/statefulset-delete-unprotected.yaml"), "audit-concurrent", "g").toString();
        var client = Admission.httpClient();
        List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, denials)
                .mapToObj(i -> client.sendAsync(HttpRequest.newBuilder(Admission.uri("/validate"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()))
                .toList();
        answers.forEach(answer -> assertThat(answer.join().body()).contains("\"allowed\":false"));

        assertThat(linesOnDisk("audit-concurrent")).hasSize(denials)
                .allSatisfy(record -> assertThat(record.get("decision").asText()).isEqualTo("denied"));
        assertThat(records("user=audit-concurrent&limit=1000")).hasSize(denials);
    }

    @Test
    void eachRecordIsOneJsonLineOnTheAuditLogCategory() {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger category = Logger.getLogger(AuditRecorder.LOG_CATEGORY);
        category.addHandler(capture);
        try {
            post("/validate", asUser(fixture("reviews/statefulset-delete-unprotected.yaml"), "audit-log-line", "g"));
        } finally {
            category.removeHandler(capture);
        }

        List<String> mine = lines.stream().filter(line -> line.contains("\"user\":\"audit-log-line\"")).toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0)).doesNotContain("\n");
        assertThat(read(mine.get(0))).isEqualTo(single(linesOnDisk("audit-log-line")));
    }

    @Test
    void recordsAreCountedPerSink() {
        double file = auditRecords("file", "written");
        double log = auditRecords("log", "written");

        post("/validate", asUser(fixture("reviews/statefulset-delete-unprotected.yaml"), "audit-metrics", "g"));

        assertThat(auditRecords("file", "written")).isEqualTo(file + 1);
        assertThat(auditRecords("log", "written")).isEqualTo(log + 1);
        assertThat(auditRecords("event", "written")).as("standalone mode sends no Events").isZero();
    }

    @Test
    void filtersNarrowTheRecordsNewestFirst() {
        Instant start = Instant.now().minusMillis(1);
        post("/validate", asUser(fixture("reviews/statefulset-delete-unprotected.yaml"), "audit-filters", "g"));
        post("/validate", asUser(fixture("reviews/statefulset-delete-in-warn-only-namespace.yaml"), "audit-filters", "g"));
        post("/validate", asUser(fixture("reviews/cassandracluster-nodes-not-a-number.yaml"), "audit-filters", "g"));
        Instant end = Instant.now();

        assertThat(uids("user=audit-filters")).containsExactly("000000000002", "000000000005", "000000000003");
        assertThat(uids("user=audit-filters&decision=denied")).containsExactly("000000000002", "000000000003");
        assertThat(uids("user=audit-filters&rule=malformed-object")).containsExactly("000000000002");
        assertThat(uids("user=audit-filters&namespace=warn-only")).containsExactly("000000000005");
        assertThat(uids("user=audit-filters&kind=statefulset")).containsExactly("000000000005", "000000000003");
        assertThat(uids("user=audit-filters&name=cluster1")).containsExactly("000000000002");
        assertThat(uids("user=audit-filters&limit=1")).containsExactly("000000000002");
        assertThat(uids("user=audit-filters&since=" + start + "&until=" + end)).hasSize(3);
        assertThat(uids("user=audit-filters&since=" + end.plusMillis(1))).isEmpty();
        assertThat(uids("user=audit-filters&until=" + start)).isEmpty();
        assertThat(uids("user=audit-filters&since=1h")).hasSize(3);
    }

    @Test
    void badFiltersAreRefusedWithAClearError() {
        assertBadRequest("limit=0", "limit must be a whole number from 1 to 10000, not 0");
        assertBadRequest("limit=many", "limit must be a whole number from 1 to 10000, not many");
        assertBadRequest("since=yesterday",
                "since must be an RFC 3339 time (2026-05-01T12:00:00Z), a date (2026-05-01) or an age (90m, 24h, 7d), not yesterday");
        assertBadRequest("since=2026-05-02&until=2026-05-01",
                "since (2026-05-02T00:00:00Z) is after until (2026-05-01T00:00:00Z)");
        assertBadRequest("decision=allowed",
                "decision must be one of denied, warned, overridden, audited, exempted, mutated, not allowed");
        assertBadRequest("namepsace=cassandra", "unknown parameter namepsace; the filters are namespace, name, kind, rule,"
                + " decision, user, since, until, limit");
        assertBadRequest("user=a&user=b", "give user once");
        assertBadRequest("format=xml", "format must be json or csv, not xml");
        https().get("/audit/report?limit=-1").then().statusCode(400).contentType(ContentType.JSON);
    }

    @Test
    void standaloneTheAuditAnswersOnLoopbackOnly() throws SocketException {
        RequestSpecification remote = RestAssured.given().baseUri("https://" + nonLoopbackAddress())
                .port(Admission.HTTPS_PORT)
                .relaxedHTTPSValidation(); // the dev certificate names localhost only

        remote.get("/audit").then().statusCode(403).contentType(ContentType.JSON)
                .body("error", equalTo("standalone mode: /audit answers on loopback only"));
        remote.get("/audit/report").then().statusCode(403);
        remote.contentType(ContentType.JSON).body(fixture("reviews/configmap-create-unguarded.yaml").toString())
                .post("/validate").then().statusCode(200);
        https().get("/audit").then().statusCode(200);
    }

    // --- helpers ---

    private static void assertBadRequest(String query, String error) {
        https().get("/audit?" + query).then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo(error)).body("status", equalTo(400));
    }

    private static String nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
        }
        throw new AssertionError("this test needs a network interface besides loopback");
    }

    /** The records of one user in the audit file, in file order. */
    private static List<JsonNode> linesOnDisk(String user) {
        try {
            return Files.readAllLines(TestEnvironment.AUDIT_LOG).stream().filter(AuditTrailTest::parses)
                    .map(AuditTrailTest::read).filter(record -> user.equals(record.path("user").asText())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> records(String query) {
        JsonNode array = read(https().get("/audit?" + query).then().statusCode(200).contentType(ContentType.JSON)
                .extract().asString());
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** The last 12 digits of each record's uid, newest first. */
    private static List<String> uids(String query) {
        return records(query).stream().map(r -> r.get("uid").asText()).map(uid -> uid.substring(uid.length() - 12)).toList();
    }

    private static List<Map<String, String>> csv(String query) {
        String body = https().get("/audit?format=csv&" + query).then().statusCode(200)
                .contentType("text/csv").extract().asString();
        try (var rows = new CsvMapper().readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader())
                .<Map<String, String>>readValues(body)) {
            return rows.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the CSV holds for a record: lists joined by " | ", null as empty. */
    private static Map<String, String> csvRow(JsonNode record) {
        Map<String, String> row = new LinkedHashMap<>();
        record.fields().forEachRemaining(field -> row.put(field.getKey(), field.getValue().isArray()
                ? String.join(" | ", StreamSupport.stream(field.getValue().spliterator(), false).map(JsonNode::asText).toList())
                : field.getValue().isObject() ? String.join(" | ", StreamSupport.stream(Spliterators.spliteratorUnknownSize(
                        field.getValue().fields(), 0), false).map(e -> e.getKey() + "=" + e.getValue().asText()).toList())
                : field.getValue().isNull() ? "" : field.getValue().asText()));
        return row;
    }

    /** An expected record from a fixture, with the time of the actual one (which the test checks on its own). */
    private static JsonNode expected(String fixture, JsonNode actual) {
        ObjectNode expected = (ObjectNode) fixture(fixture);
        expected.set("time", actual.get("time"));
        return expected;
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static List<String> fieldNames(JsonNode record) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean parses(String line) {
        try {
            JSON.readTree(line);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
