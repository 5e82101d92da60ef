package io.cassguard.service.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cassguard.model.Operation;
import io.cassguard.model.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Records written before per-rule results are read as they were, and the CSV is made safe for spreadsheets. */
class AuditRecordFormsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void aRecordWrittenBeforePerRuleResultsIsReadAndWrittenWithoutThem() throws JsonProcessingException {
        AuditRecord old = AuditFormats.read("{\"time\":\"2026-01-10T08:00:00.000Z\",\"uid\":\"u\",\"operation\":\"DELETE\","
                + "\"kind\":\"StatefulSet\",\"subResource\":\"\",\"namespace\":\"ns\",\"name\":\"n\",\"user\":\"carol\","
                + "\"groups\":[],\"decision\":\"denied\",\"rules\":[\"deletion-protection\"],\"messages\":[],"
                + "\"dryRun\":false,\"policy\":\"default\",\"change\":null}");

        assertThat(old.results()).isNull();
        assertThat(old.result("deletion-protection")).isEqualTo(Verdict.DENIED);
        assertThat(AuditFormats.json(old)).doesNotContain("results");
    }

    @Test
    void csvCellsThatASpreadsheetWouldTakeForAFormulaAreNeutralised() {
        AuditRecord record = new AuditRecord(NOW, "uid-1", Operation.UPDATE, "CassandraCluster", "", "ns", "cluster1",
                "=HYPERLINK(\"http://x\")", List.of("g"), Verdict.DENIED, List.of("r"), List.of("m"), false, "default",
                null, Map.of("r", Verdict.DENIED));

        String csv = AuditFormats.csv(List.of(record));

        assertThat(csv).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");
        assertThat(List.of("=1+1", "+1", "-1", "@SUM(A1)", "safe", "")).map(AuditFormats::neutralised)
                .containsExactly("'=1+1", "'+1", "'-1", "'@SUM(A1)", "safe", "");
        assertThat(csv.lines().toList().get(0)).endsWith(",change,results");
        assertThat(csv.lines().toList().get(1)).endsWith(",r=denied");
    }
}
