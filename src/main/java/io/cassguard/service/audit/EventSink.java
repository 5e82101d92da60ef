package io.cassguard.service.audit;

import io.cassguard.service.config.CassguardConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.cassguard.model.AdmissionRequest;
import io.cassguard.service.metrics.Meters;
import io.cassguard.model.Verdict;
import io.cassguard.service.kubernetes.ApiServerErrors;
import io.cassguard.service.kubernetes.ClusterMode;
import io.cassguard.service.kubernetes.PodIdentity;
import io.cassguard.service.kubernetes.KubernetesCaches;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Kubernetes Events for denials and used overrides (type Warning, reason {@code GuardrailDenied} or
 * {@code GuardrailOverridden}) on the object, so that {@code kubectl describe} and {@code kubectl get events} show
 * them. Only in-cluster and not for dry runs. They are sent by one background thread from a bounded queue: a slow
 * API server never slows admission, and when the queue is full the Event is dropped and counted.
 *
 * <p>Each Event carries its audit record (annotation {@value RECORD_ANNOTATION}) and the decision (label
 * {@value KubernetesCaches#DECISION_LABEL}): the leader reads the denials of every replica from them for the PolicyReports.
 */
@ApplicationScoped
public class EventSink {

    static final String DENIED = "GuardrailDenied";
    static final String OVERRIDDEN = "GuardrailOverridden";
    /** Annotation of cassguard's Events: the whole audit record, as JSON. */
    public static final String RECORD_ANNOTATION = "cassguard.io/audit-record";
    /** Annotation of a denial's Event: the rules that refused, comma-separated (the record also names warnings). */
    public static final String DENIED_RULES_ANNOTATION = "cassguard.io/denied-rules";
    /** Kubernetes shows longer messages cut anyway; the full record is in the audit log. */
    private static final int MAX_MESSAGE_LENGTH = 1024;
    private static final Logger LOG = Logger.getLogger(EventSink.class);

    private final boolean enabled;
    private final Supplier<KubernetesClient> client;
    /** This replica's pod, which the Event names as the reporting instance. */
    private final String replica;
    private final Meters meters;
    private final ThreadPoolExecutor sender;

    @Inject
    public EventSink(ClusterMode mode, Instance<KubernetesClient> client, Meters meters, CassguardConfig config,
                     PodIdentity pod) {
        this(mode.inCluster(), client::get, meters, config.audit().events().queueSize(), pod.name());
    }

    /**
     * @param enabled   whether Events are made (in-cluster only)
     * @param queueSize Events waiting to be sent; beyond it they are dropped and counted
     */
    EventSink(boolean enabled, Supplier<KubernetesClient> client, Meters meters, int queueSize, String replica) {
        this.enabled = enabled;
        this.replica = replica;
        this.client = client;
        this.meters = meters;
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueSize),
                task -> {
                    Thread thread = new Thread(task, "cassguard-audit-events");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Queues the Event of a record when it needs one; never blocks. */
    public void offer(AdmissionRequest request, AuditRecord record, List<String> deniedRules) {
        String reason = reason(record.decision());
        if (!enabled || record.dryRun() || reason == null) {
            return;
        }
        try {
            sender.execute(() -> send(event(request, record, deniedRules, reason), record));
        } catch (RejectedExecutionException e) {
            count("dropped");
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static String reason(Verdict decision) {
        return switch (decision) {
            case DENIED -> DENIED;
            case OVERRIDDEN -> OVERRIDDEN;
            default -> null;
        };
    }

    private void send(Event event, AuditRecord record) {
        try {
            client.get().v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
            count("written");
        } catch (RuntimeException e) {
            count("failed");
            LOG.warnf("could not create the Event for %s %s: %s", record.operation(), record.object(), ApiServerErrors.brief(e));
        }
    }

    /**
     * The Event names the object the user acted on: for {@code kubectl scale} that is the StatefulSet, not the
     * Scale. Cluster-scoped objects (GuardrailPolicy) get their Events in {@code default}, as Kubernetes does.
     */
    Event event(AdmissionRequest request, AuditRecord record, List<String> deniedRules, String reason) {
        boolean scale = "scale".equals(record.subResource()) && "statefulsets".equals(request.resource());
        String apiVersion = request.group().isEmpty() ? request.version() : request.group() + "/" + request.version();
        String name = record.name().isEmpty() ? "cassguard" : record.name();
        String namespace = record.namespace().isEmpty() ? "default" : record.namespace();
        String uid = request.subject() == null ? null : request.subject().at("/metadata/uid").asText(null);
        String time = record.time().toString();
        return new EventBuilder()
                .withNewMetadata()
                .withName(eventName(name))
                .withNamespace(namespace)
                .addToLabels(KubernetesCaches.DECISION_LABEL, record.decision().label())
                .addToAnnotations(RECORD_ANNOTATION, AuditFormats.json(record))
                .addToAnnotations(deniedRules.isEmpty() ? Map.of() : Map.of(DENIED_RULES_ANNOTATION, String.join(",", deniedRules)))
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(scale ? "apps/v1" : apiVersion)
                        .withKind(scale ? "StatefulSet" : record.kind())
                        .withNamespace(record.namespace().isEmpty() ? null : record.namespace())
                        .withName(record.name())
                        .withUid(scale ? null : uid)
                        .build())
                .withType("Warning")
                .withReason(reason)
                .withAction(record.operation().name())
                .withMessage(truncate(message(record)))
                .withNewSource().withComponent("cassguard").endSource()
                .withReportingComponent("cassguard")
                .withReportingInstance(replica)
                .withFirstTimestamp(time)
                .withLastTimestamp(time)
                .withCount(1)
                .build();
    }

    /** The rules that refused the request of a denial's Event. */
    public static List<String> deniedRulesOf(Event event) {
        String rules = event.getMetadata().getAnnotations() == null ? null
                : event.getMetadata().getAnnotations().get(DENIED_RULES_ANNOTATION);
        return rules == null || rules.isBlank() ? List.of() : List.of(rules.split(","));
    }

    /** The audit record an Event of cassguard carries; empty for another Event or an unreadable record. */
    public static Optional<AuditRecord> recordOf(Event event) {
        String json = event.getMetadata().getAnnotations() == null ? null
                : event.getMetadata().getAnnotations().get(RECORD_ANNOTATION);
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(AuditFormats.read(json));
        } catch (JsonProcessingException e) {
            LOG.warnf("Event %s/%s carries an unreadable audit record: %s", event.getMetadata().getNamespace(),
                    event.getMetadata().getName(), e.getOriginalMessage());
            return Optional.empty();
        }
    }

    /** Like Kubernetes' own recorder: the object's name and the time in nanoseconds, in hex. */
    private static String eventName(String objectName) {
        Instant now = Instant.now();
        String suffix = "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano());
        return objectName.substring(0, Math.min(objectName.length(), 253 - suffix.length())) + suffix;
    }

    private static String message(AuditRecord record) {
        String verb = record.decision() == Verdict.DENIED ? "refused" : "allowed by override";
        return record.operation() + " by " + record.user() + " " + verb
                + (record.change() == null ? "" : " (" + record.change() + ")") + ": " + String.join(" ", record.messages());
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
    }

    private void count(String outcome) {
        meters.auditRecord("event", outcome);
    }
}
