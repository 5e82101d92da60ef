package io.cassguard.service.audit;

import io.cassguard.model.AdmissionRequest;
import io.cassguard.service.admission.MutationDecided;
import io.cassguard.service.admission.ValidationDecided;
import io.cassguard.service.metrics.TaggedMeters;
import io.cassguard.engine.decision.MutationEngine;
import io.cassguard.engine.decision.Decision;
import io.cassguard.engine.decision.RuleOutcome;
import io.cassguard.model.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns every admission decision other than a plain allow into an audit record (DESIGN §10) and hands it to the
 * sinks: the file (on disk before the answer leaves, as the webhook fires these events synchronously), one JSON
 * line on the {@code cassguard.audit} log category, and a Kubernetes Event for denials and overrides.
 */
@ApplicationScoped
public class AuditRecorder {

    /** The log category of the one-line JSON records; application.properties prints it bare on stdout. */
    public static final String LOG_CATEGORY = "cassguard.audit";
    private static final Logger AUDIT_LOG = Logger.getLogger(LOG_CATEGORY);
    private static final Logger LOG = Logger.getLogger(AuditRecorder.class);

    private final AuditStore store;
    private final EventSink events;
    private final TaggedMeters<Counter> records;

    public AuditRecorder(AuditStore store, EventSink events, MeterRegistry metrics) {
        this.store = store;
        this.events = events;
        this.records = TaggedMeters.counters(metrics, "cassguard.audit.records", "sink", "outcome");
    }

    void onValidation(@Observes ValidationDecided decided) {
        Decision decision = decided.decision();
        if (decision.verdict() == Verdict.ALLOWED) {
            return;
        }
        List<String> rules = decision.outcomes().stream().map(RuleOutcome::ruleId).distinct().toList();
        List<String> messages = new ArrayList<>(decision.outcomes().stream().map(RuleOutcome::line).toList());
        messages.addAll(decision.notes());
        if (decision.verdict() == Verdict.EXEMPTED) {
            messages.add("user " + decided.request().user() + " is exempt from policy " + decision.policy());
        }
        List<String> denied = decision.outcomes(Verdict.DENIED).stream().map(RuleOutcome::ruleId).distinct().toList();
        record(decided.request(), decision.verdict(), rules, denied, messages, decision.policy());
    }

    void onMutation(@Observes MutationDecided decided) {
        MutationEngine.Result result = decided.result();
        if (result.patch() == null) {
            return;
        }
        record(decided.request(), Verdict.MUTATED, result.injected(), List.of(),
                List.of("injected " + String.join(", ", result.injected())), result.policy());
    }

    /**
     * Never throws: whatever happens to the audit trail, the admission answer still goes out.
     *
     * @param denied the rules that refused the request, among {@code rules} (which also names warnings)
     */
    private void record(AdmissionRequest request, Verdict decision, List<String> rules, List<String> denied,
                        List<String> messages, String policy) {
        try {
            AuditRecord record = new AuditRecord(Instant.now().truncatedTo(ChronoUnit.MILLIS), request.uid(),
                    request.operation(), request.kind(), request.subResource(), request.namespace(), request.name(),
                    request.user(), request.groups(), decision, List.copyOf(rules), List.copyOf(messages),
                    request.dryRun(), policy, ChangeSummary.of(request));
            String json = AuditFormats.json(record);
            store.append(record, json);
            AUDIT_LOG.info(json);
            records.get("log", "written").increment();
            events.offer(request, record, denied);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not record the audit record of request %s", request.uid());
        }
    }
}
