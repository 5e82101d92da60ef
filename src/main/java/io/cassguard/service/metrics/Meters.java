package io.cassguard.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Every meter cassguard exports, with its name and tags, in one place (docs/metrics.md; the alerts and the dashboard
 * of k8s/monitoring are checked against them). Micrometer's dotted names become {@code cassguard_..._total} and
 * {@code cassguard_..._seconds} on {@code /q/metrics}.
 */
@Singleton
public class Meters {

    /**
     * The buckets of the answer-time histogram: around the API server's timeouts (10 s at most, often 1-5 s) and the
     * slow-answer alert (0.5 s). Micrometer's default percentile histogram has about 70 buckets per webhook, kind and
     * operation: that many series to scrape and keep, for no finer answer to "is admission slow".
     */
    private static final Duration[] DURATION_BUCKETS = Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final TaggedMeters<Counter> admissionRequests;
    private final TaggedMeters<Timer> admissionDurations;
    private final TaggedMeters<Counter> ruleResults;
    private final TaggedMeters<Counter> mutations;
    private final TaggedMeters<Counter> auditRecords;

    public Meters(MeterRegistry registry) {
        this.registry = registry;
        this.admissionRequests = TaggedMeters.counters(registry, "cassguard.admission.requests",
                "webhook", "kind", "operation", "decision");
        this.admissionDurations = new TaggedMeters<>(tags -> Timer.builder("cassguard.admission.duration")
                .tags(tags).serviceLevelObjectives(DURATION_BUCKETS).register(registry), "webhook", "kind", "operation");
        this.ruleResults = TaggedMeters.counters(registry, "cassguard.rule.results", "rule", "result");
        this.mutations = TaggedMeters.counters(registry, "cassguard.mutations", "mutation");
        this.auditRecords = TaggedMeters.counters(registry, "cassguard.audit.records", "sink", "outcome");
    }

    /** {@code cassguard_admission_requests_total}: one answered (or rejected) review. */
    public void admissionRequest(String webhook, String kind, String operation, String decision) {
        admissionRequests.get(webhook, kind, operation, decision).increment();
    }

    /** {@code cassguard_admission_duration_seconds}: from the body's arrival to the answer. */
    public void admissionDuration(String webhook, String kind, String operation, long nanos) {
        admissionDurations.get(webhook, kind, operation).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** {@code cassguard_rule_results_total}: what one rule came to in one request ({@code pass}, {@code denied}, ...). */
    public void ruleResult(String rule, String result) {
        ruleResults.get(rule, result).increment();
    }

    /** {@code cassguard_mutations_total}: one mutation injected. */
    public void mutation(String mutation) {
        mutations.get(mutation).increment();
    }

    /** {@code cassguard_audit_records_total}: a record per sink ({@code file}, {@code log}, {@code event}) and outcome. */
    public void auditRecord(String sink, String outcome) {
        auditRecords.get(sink, outcome).increment();
    }

    /** {@code cassguard_policies}: the policies in force and the policy files that do not load. */
    public void policies(Supplier<Number> active, Supplier<Number> invalid) {
        Gauge.builder("cassguard.policies", active).tag("state", "active").register(registry);
        Gauge.builder("cassguard.policies", invalid).tag("state", "invalid").register(registry);
    }
}
