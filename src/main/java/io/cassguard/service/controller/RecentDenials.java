package io.cassguard.service.controller;

import io.cassguard.service.config.CassguardConfig;
import io.cassguard.service.audit.AuditRecord;
import io.cassguard.service.audit.EventSink;
import io.cassguard.service.kubernetes.KubernetesCaches;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The recent admission denials of every replica, per namespace, newest first and bounded, as PolicyReport results.
 * They come from the Events the replicas create for their denials (docs/audit.md), cached by an informer: the leader
 * sees the denials its followers answered. Dry runs create no Event, so they are not reported.
 */
@ApplicationScoped
public class RecentDenials {

    private final KubernetesCaches caches;
    private final int limit;

    public RecentDenials(KubernetesCaches caches, CassguardConfig config) {
        this.caches = caches;
        this.limit = config.report().maxResults();
    }

    /** The denials reported in a namespace, newest first: one result per rule that refused. */
    public List<PolicyReport.Result> in(String namespace) {
        return caches.denialEvents().stream()
                .filter(event -> namespace.equals(event.getMetadata().getNamespace()))
                .flatMap(RecentDenials::results)
                .sorted(PolicyReport.NEWEST_FIRST)
                .limit(limit)
                .toList();
    }

    public List<String> namespaces() {
        return caches.denialEvents().stream().map(event -> event.getMetadata().getNamespace())
                .filter(Objects::nonNull).distinct().toList();
    }

    private static Stream<PolicyReport.Result> results(Event event) {
        return EventSink.recordOf(event).stream().flatMap(record -> EventSink.deniedRulesOf(event).stream()
                .map(rule -> result(event, record, rule)));
    }

    private static PolicyReport.Result result(Event event, AuditRecord record, String rule) {
        PolicyReport.Result result = new PolicyReport.Result();
        result.policy = record.policy() == null ? "none" : record.policy();
        result.rule = rule;
        result.result = PolicyReport.RESULT_FAIL;
        result.message = message(record, rule);
        result.resources.add(reference(event.getInvolvedObject()));
        result.properties.put(PolicyReport.ORIGIN, PolicyReport.ORIGIN_ADMISSION);
        result.properties.put("admissionUid", record.uid());
        result.properties.put("operation", record.operation().name());
        result.properties.put("user", record.user());
        result.timestamp = PolicyReport.Timestamp.of(record.time());
        return result;
    }

    /** The rule's own line of what the user was told ({@code [rule] message}), without its prefix. */
    private static String message(AuditRecord record, String rule) {
        String prefix = "[" + rule + "] ";
        return record.messages().stream().filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length())).findFirst()
                .orElseGet(() -> String.join(" ", record.messages()));
    }

    /** The object the Event is about: for {@code kubectl scale}, the StatefulSet rather than its Scale. */
    private static ObjectReference reference(ObjectReference involved) {
        return new ObjectReferenceBuilder().withApiVersion(involved.getApiVersion()).withKind(involved.getKind())
                .withNamespace(involved.getNamespace()).withName(involved.getName()).withUid(involved.getUid()).build();
    }
}
