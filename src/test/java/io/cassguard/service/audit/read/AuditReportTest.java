package io.cassguard.service.audit.read;

import io.cassguard.model.Operation;
import io.cassguard.model.Verdict;
import io.cassguard.service.audit.AuditQuery;
import io.cassguard.service.audit.AuditRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The report counts each rule for what it did in a request, and, in records without per-rule results, for the decision. */
class AuditReportTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final AuditQuery EVERYTHING = new AuditQuery(null, null, null, null, null, null, null, null,
            AuditQuery.DEFAULT_LIMIT);

    @Test
    void aRuleThatOnlyWarnedInADeniedRequestIsNotCountedAsARefusal() {
        AuditRecord denied = record(Map.of("scale-down-step", Verdict.DENIED, "version-unpinned", Verdict.WARNED));

        AuditReport report = new AuditReport(sink -> sink.accept(denied), EVERYTHING, NOW, AuditReport.Coverage.SINGLE);

        assertThat(report.byRule()).containsExactly(
                new AuditReport.RuleTotal("scale-down-step", 1, 0, 0, 0, 0, 1),
                new AuditReport.RuleTotal("version-unpinned", 0, 0, 1, 0, 0, 1));
        assertThat(report.recentRefusals()).extracting(AuditReport.Refusal::rules).containsExactly("scale-down-step");
    }

    @Test
    void aRecordWrittenBeforePerRuleResultsCountsEachRuleItNamesForItsDecision() {
        AuditRecord old = new AuditRecord(NOW.minusSeconds(60), "u", Operation.DELETE, "StatefulSet", "", "ns", "n",
                "carol", List.of(), Verdict.DENIED, List.of("deletion-protection"), List.of(), false, "default", null, null);

        AuditReport report = new AuditReport(sink -> sink.accept(old), EVERYTHING, NOW, AuditReport.Coverage.SINGLE);

        assertThat(report.byRule()).containsExactly(new AuditReport.RuleTotal("deletion-protection", 1, 0, 0, 0, 0, 1));
    }

    private static AuditRecord record(Map<String, Verdict> results) {
        Map<String, Verdict> sorted = new TreeMap<>(results);
        return new AuditRecord(NOW.minusSeconds(60), "uid-1", Operation.UPDATE, "CassandraCluster", "", "ns", "cluster1",
                "bob", List.of("g"), Verdict.DENIED, List.copyOf(sorted.keySet()), List.of("m"), false, "default", null,
                sorted);
    }
}
