package io.cassguard.service.audit;

import io.cassguard.model.AdmissionRequest;
import io.cassguard.service.admission.DecisionLog;
import io.cassguard.service.metrics.Meters;
import io.cassguard.engine.decision.MutationEngine;
import io.cassguard.engine.decision.Decision;
import io.cassguard.engine.decision.RuleOutcome;
import io.cassguard.model.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/**
 * Turns every admission decision other than a plain allow into an audit record (docs/audit.md) and hands it to the
 * sinks: the file (written, and forced to disk when the answer waits for it), one JSON line on the
 * {@code cassguard.audit} log category, and a Kubernetes Event for denials and overrides. The webhook calls it before
 * it answers ({@link DecisionLog}).
 */
@ApplicationScoped
public class AuditRecorder implements DecisionLog {

    /** The log category of the one-line JSON records; application.properties prints it bare on stdout. */
    public static final String LOG_CATEGORY = "cassguard.audit";
    private static final Logger AUDIT_LOG = Logger.getLogger(LOG_CATEGORY);
    private static final Logger LOG = Logger.getLogger(AuditRecorder.class);

    /** Strongest first: what a rule did when it did several things in one request. */
    private static final List<Verdict> STRENGTH = List.of(Verdict.DENIED, Verdict.OVERRIDDEN, Verdict.WARNED,
            Verdict.AUDITED, Verdict.MUTATED);

    private final AuditStore store;
    private final EventSink events;
    private final Meters meters;

    public AuditRecorder(AuditStore store, EventSink events, Meters meters) {
        this.store = store;
        this.events = events;
        this.meters = meters;
    }

    /**
     * An override or exemption whose record did not reach the disk is kept nowhere else either: the webhook refuses
     * it, and the refusal it records next is what the audit trail shows.
     */
    @Override
    public boolean validated(AdmissionRequest request, Decision decision) {
        if (decision.verdict() == Verdict.ALLOWED) {
            return true;
        }
        Map<String, Verdict> results = new LinkedHashMap<>();
        decision.outcomes().forEach(outcome -> results.merge(outcome.ruleId(), outcome.result(), AuditRecorder::stronger));
        List<String> messages = new ArrayList<>(decision.outcomes().stream().map(RuleOutcome::line).toList());
        messages.addAll(decision.notes());
        if (decision.verdict() == Verdict.EXEMPTED) {
            messages.add("user " + request.user() + " is exempt from policy " + decision.policy());
        }
        List<String> denied = decision.outcomes(Verdict.DENIED).stream().map(RuleOutcome::ruleId).distinct().toList();
        AuditRecord record = record(request, decision.verdict(), results, messages, decision.policy());
        if (record == null) {
            return false;
        }
        String json = AuditFormats.json(record);
        boolean onDisk = store.write(record, json);
        if (onDisk || !decision.verdict().letsThroughOnItsRecord()) {
            publish(request, record, json, denied);
        }
        return onDisk;
    }

    @Override
    public void mutated(AdmissionRequest request, MutationEngine.Result result) {
        Map<String, Verdict> results = new LinkedHashMap<>();
        result.injected().forEach(id -> results.put(id, Verdict.MUTATED));
        AuditRecord record = record(request, Verdict.MUTATED, results,
                List.of("injected " + String.join(", ", result.injected())), result.policy());
        if (record != null) {
            String json = AuditFormats.json(record);
            store.write(record, json);
            publish(request, record, json, List.of());
        }
    }

    /** A rule that refused in one place and warned in another refused. */
    private static Verdict stronger(Verdict a, Verdict b) {
        return STRENGTH.indexOf(a) <= STRENGTH.indexOf(b) ? a : b;
    }

    /** @return the record, or null (logged) if it could not be made: the admission answer still goes out */
    private static AuditRecord record(AdmissionRequest request, Verdict decision, Map<String, Verdict> results,
                                      List<String> messages, String policy) {
        try {
            return new AuditRecord(Instant.now().truncatedTo(ChronoUnit.MILLIS), request.uid(),
                    request.operation(), request.kind(), request.subResource(), request.namespace(), request.name(),
                    request.user(), request.groups(), decision, List.copyOf(results.keySet()), List.copyOf(messages),
                    request.dryRun(), policy, ChangeSummary.of(request), Collections.unmodifiableMap(results));
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not make the audit record of request %s", request.uid());
            return null;
        }
    }

    /**
     * The record in memory, on stdout and in an Event, whether or not it reached the disk. Never throws.
     *
     * @param json   the record as written to the file, the same on stdout
     * @param denied the rules that refused the request (the Event names them)
     */
    private void publish(AdmissionRequest request, AuditRecord record, String json, List<String> denied) {
        try {
            store.remember(record);
            AUDIT_LOG.info(json);
            meters.auditRecord("log", "written");
            events.offer(request, record, denied);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not record the audit record of request %s", request.uid());
        }
    }
}
