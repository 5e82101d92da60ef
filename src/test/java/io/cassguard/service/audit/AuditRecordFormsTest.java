package io.cassguard.service.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cassguard.model.Operation;
import io.cassguard.model.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The record's per-rule results in the report, records written before them, and the CSV made safe for spreadsheets. */
class AuditRecordFormsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void aRuleThatOnlyWarnedInADeniedRequestIsNotCountedAsARefusal() {
        AuditRecord denied = record("uid-1", "bob", Verdict.DENIED,
                Map.of("scale-down-step", Verdict.DENIED, "version-unpinned", Verdict.WARNED));

        AuditReport report = new AuditReport(sink -> sink.accept(denied), query(), NOW, AuditReport.Coverage.SINGLE);

        assertThat(report.byRule()).containsExactly(
                new AuditReport.RuleTotal("scale-down-step", 1, 0, 0, 0, 0, 1),
                new AuditReport.RuleTotal("version-unpinned", 0, 0, 1, 0, 0, 1));
        assertThat(report.recentRefusals()).extracting(AuditReport.Refusal::rules).containsExactly("scale-down-step");
    }

    @Test
    void aRecordWrittenBeforePerRuleResultsIsReadAndCountsEachRuleForItsDecision() throws JsonProcessingException {
        AuditRecord old = AuditFormats.read("{\"time\":\"2026-01-10T08:00:00.000Z\",\"uid\":\"u\",\"operation\":\"DELETE\","
                + "\"kind\":\"StatefulSet\",\"subResource\":\"\",\"namespace\":\"ns\",\"name\":\"n\",\"user\":\"carol\","
                + "\"groups\":[],\"decision\":\"denied\",\"rules\":[\"deletion-protection\"],\"messages\":[],"
                + "\"dryRun\":false,\"policy\":\"default\",\"change\":null}");

        AuditReport report = new AuditReport(sink -> sink.accept(old), query(), NOW, AuditReport.Coverage.SINGLE);

        assertThat(old.results()).isNull();
        assertThat(AuditFormats.json(old)).doesNotContain("results");
        assertThat(report.byRule()).containsExactly(new AuditReport.RuleTotal("deletion-protection", 1, 0, 0, 0, 0, 1));
    }

    @Test
    void csvCellsThatASpreadsheetWouldTakeForAFormulaAreNeutralised() {
        AuditRecord record = record("uid-1", "=HYPERLINK(\"http://x\")", Verdict.DENIED, Map.of("r", Verdict.DENIED));

        String csv = AuditFormats.csv(List.of(record));

        assertThat(csv).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");
        assertThat(List.of("=1+1", "+1", "-1", "@SUM(A1)", "safe", "")).map(AuditFormats::neutralised)
                .containsExactly("'=1+1", "'+1", "'-1", "'@SUM(A1)", "safe", "");
        assertThat(csv.lines().toList().get(0)).endsWith(",change,results");
        assertThat(csv.lines().toList().get(1)).endsWith(",r=denied");
    }

    private static AuditQuery query() {
        return new AuditQuery(null, null, null, null, null, null, null, null, AuditQuery.DEFAULT_LIMIT);
    }

    private static AuditRecord record(String uid, String user, Verdict decision, Map<String, Verdict> results) {
        return new AuditRecord(NOW.minusSeconds(60), uid, Operation.UPDATE, "CassandraCluster", "", "ns", "cluster1", user,
                List.of("g"), decision, List.copyOf(new java.util.TreeMap<>(results).keySet()), List.of("m"), false,
                "default", null, new java.util.TreeMap<>(results));
    }
}
