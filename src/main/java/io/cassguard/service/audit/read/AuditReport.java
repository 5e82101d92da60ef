package io.cassguard.service.audit.read;

import io.cassguard.service.audit.AuditQuery;
import io.cassguard.service.audit.AuditRecord;
import io.cassguard.model.Verdict;
import io.quarkus.qute.TemplateData;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What {@code /audit/report} shows for a query: totals by decision and by rule, the chart of refusals per rule
 * over time, and the most recent refusals (at most the query's limit).
 */
@TemplateData
public final class AuditReport {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    public record DecisionTotal(String decision, long count) {
    }

    public record RuleTotal(String rule, long denied, long overridden, long warned, long audited, long mutated, long total) {
    }

    public record Refusal(String time, String user, String object, String rules, List<String> messages) {
    }

    private final long total;
    private final List<DecisionTotal> byDecision = new ArrayList<>();
    private final List<RuleTotal> byRule = new ArrayList<>();
    private final List<Refusal> recentRefusals = new ArrayList<>();
    private final RefusalChart chart;
    private final String period;
    private final Coverage coverage;

    /**
     * Which replicas the report covers (docs/audit.md): in-cluster it merges every ready replica's records.
     *
     * @param partial    whether some replica's records are missing
     * @param unanswered the replicas that did not answer in time
     */
    public record Coverage(boolean partial, List<String> replicas, List<String> unanswered) {

        /** Standalone: the one replica. */
        static final Coverage SINGLE = new Coverage(false, List.of(), List.of());

        public boolean merged() {
            return !replicas.isEmpty();
        }
    }

    /**
     * @param records every record that matches the query, in any order, each once
     */
    AuditReport(Consumer<Consumer<AuditRecord>> records, AuditQuery query, Instant now, Coverage coverage) {
        this.coverage = coverage;
        Map<Verdict, Long> decisions = new EnumMap<>(Verdict.class);
        Map<String, Map<Verdict, Long>> rules = new TreeMap<>();
        List<RefusalChart.Refusal> refusals = new ArrayList<>();
        PriorityQueue<AuditRecord> newestRefusals = new PriorityQueue<>(Comparator.comparing(AuditRecord::time));
        long[] count = {0};
        records.accept(record -> {
            count[0]++;
            decisions.merge(record.decision(), 1L, Long::sum);
            record.rules().forEach(rule -> rules.computeIfAbsent(rule, r -> new EnumMap<>(Verdict.class))
                    .merge(record.result(rule), 1L, Long::sum));
            if (record.decision() == Verdict.DENIED) {
                refusals.add(new RefusalChart.Refusal(record.time(), refused(record)));
                newestRefusals.add(record);
                if (newestRefusals.size() > query.limit()) {
                    newestRefusals.poll();
                }
            }
        });
        this.total = count[0];
        AuditQuery.recordedDecisions().forEach(d -> byDecision.add(new DecisionTotal(d.label(), decisions.getOrDefault(d, 0L))));
        rules.forEach((rule, counts) -> byRule.add(new RuleTotal(rule, counts.getOrDefault(Verdict.DENIED, 0L),
                counts.getOrDefault(Verdict.OVERRIDDEN, 0L), counts.getOrDefault(Verdict.WARNED, 0L),
                counts.getOrDefault(Verdict.AUDITED, 0L), counts.getOrDefault(Verdict.MUTATED, 0L),
                counts.values().stream().mapToLong(Long::longValue).sum())));
        newestRefusals.stream().sorted(Comparator.comparing(AuditRecord::time).reversed())
                .forEach(record -> recentRefusals.add(new Refusal(TIME.format(record.time()), record.user(),
                        record.object(), String.join(", ", refused(record)), record.messages())));
        // without a start, the chart begins at the first refusal, and shows at least the last hour
        Instant lastHour = now.minus(Duration.ofHours(1));
        Instant first = refusals.stream().map(RefusalChart.Refusal::time).min(Comparator.naturalOrder()).orElse(now);
        Instant from = query.since() != null ? query.since() : first.isAfter(lastHour) ? lastHour : first;
        Instant to = query.until() != null ? query.until() : now;
        this.chart = new RefusalChart(refusals, from, to);
        this.period = TIME.format(from) + " to " + TIME.format(to) + " UTC";
    }

    /** The rules that refused a denied request; not those that only warned in it. */
    private static List<String> refused(AuditRecord record) {
        return record.rules().stream().filter(rule -> record.result(rule) == Verdict.DENIED).toList();
    }

    public Coverage coverage() {
        return coverage;
    }

    public long total() {
        return total;
    }

    public List<DecisionTotal> byDecision() {
        return byDecision;
    }

    public List<RuleTotal> byRule() {
        return byRule;
    }

    public List<Refusal> recentRefusals() {
        return recentRefusals;
    }

    public RefusalChart chart() {
        return chart;
    }

    public String period() {
        return period;
    }
}
