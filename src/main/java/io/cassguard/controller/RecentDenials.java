package io.cassguard.controller;

import io.cassguard.admission.AdmissionRequest;
import io.cassguard.admission.ValidationDecided;
import io.cassguard.guarded.GuardedKind;
import io.cassguard.rules.Decision;
import io.cassguard.rules.RuleOutcome;
import io.cassguard.rules.Verdict;
import io.cassguard.state.ClusterMode;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The admission denials this replica answered, per namespace, newest first and bounded, as PolicyReport results.
 * Recording is a few object allocations on the admission thread: it never waits on anything.
 */
@ApplicationScoped
public class RecentDenials {

    private final ClusterMode mode;
    private final Reconciler reconciler;
    private final int limit;
    private final Map<String, Deque<PolicyReport.Result>> byNamespace = new HashMap<>();

    public RecentDenials(ClusterMode mode, Reconciler reconciler,
                         @ConfigProperty(name = "cassguard.report.max-results") int limit) {
        this.mode = mode;
        this.reconciler = reconciler;
        this.limit = limit;
    }

    void record(@Observes ValidationDecided event) {
        AdmissionRequest request = event.request();
        Decision decision = event.decision();
        if (!mode.inCluster() || decision.verdict() != Verdict.DENIED || request.namespace().isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        List<PolicyReport.Result> results = decision.outcomes(Verdict.DENIED).stream()
                .map(outcome -> result(request, decision, outcome, now))
                .toList();
        synchronized (this) {
            Deque<PolicyReport.Result> recent = byNamespace.computeIfAbsent(request.namespace(), ns -> new ArrayDeque<>());
            results.forEach(recent::addFirst);
            while (recent.size() > limit) {
                recent.removeLast();
            }
        }
        reconciler.changed();
    }

    /** The denials recorded in a namespace, newest first. */
    public synchronized List<PolicyReport.Result> in(String namespace) {
        return List.copyOf(byNamespace.getOrDefault(namespace, new ArrayDeque<>()));
    }

    public synchronized List<String> namespaces() {
        return List.copyOf(byNamespace.keySet());
    }

    private static PolicyReport.Result result(AdmissionRequest request, Decision decision, RuleOutcome outcome, Instant when) {
        PolicyReport.Result result = new PolicyReport.Result();
        result.policy = decision.policy() == null ? "none" : decision.policy();
        result.rule = outcome.ruleId();
        result.result = PolicyReport.RESULT_FAIL;
        result.message = outcome.message();
        result.resources.add(reference(request));
        result.properties.put(PolicyReport.ORIGIN, PolicyReport.ORIGIN_ADMISSION);
        result.properties.put("admissionUid", request.uid());
        result.properties.put("operation", request.operation().name());
        result.properties.put("user", request.user());
        if (request.dryRun()) {
            result.properties.put("dryRun", "true");
        }
        result.timestamp = PolicyReport.Timestamp.of(when);
        return result;
    }

    /** The object denied; for {@code kubectl scale}, the StatefulSet rather than its Scale. */
    private static ObjectReference reference(AdmissionRequest request) {
        ObjectReferenceBuilder reference = new ObjectReferenceBuilder()
                .withNamespace(request.namespace()).withName(request.name());
        if (GuardedKind.of(request).orElse(null) == GuardedKind.STATEFULSET_SCALE) {
            return reference.withApiVersion("apps/v1").withKind("StatefulSet").build();
        }
        String uid = request.subject() == null ? null : request.subject().path("metadata").path("uid").asText(null);
        String apiVersion = request.group().isEmpty() ? request.version() : request.group() + "/" + request.version();
        return reference.withApiVersion(apiVersion).withKind(request.kind()).withUid(uid).build();
    }
}
