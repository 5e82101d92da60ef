package io.cassguard.service.controller;

import io.cassguard.service.config.CassguardConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.service.kubernetes.KubernetesCaches;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes one PolicyReport named {@code cassguard} per namespace (docs/architecture.md): the background results of every guarded
 * object, then the recent admission denials newest first, never more than {@code cassguard.report.max-results}.
 * A result that did not change keeps its timestamp, and a report is written only when its content changed, so a
 * quiet cluster sees no writes. Denials already in a report are kept across leader changes.
 */
@ApplicationScoped
public class PolicyReports {

    public static final String NAME = "cassguard";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    private static final Logger LOG = Logger.getLogger(PolicyReports.class);

    private final KubernetesCaches caches;
    private final GuardedObjects guarded;
    private final BackgroundChecks checks;
    private final RecentDenials denials;
    private final Instance<KubernetesClient> clients;
    private final ObjectMapper mapper;
    private final Optional<List<String>> watchedNamespaces;
    private final int limit;
    private volatile boolean notServedLogged;

    public PolicyReports(KubernetesCaches caches, GuardedObjects guarded, BackgroundChecks checks, RecentDenials denials,
                         Instance<KubernetesClient> clients, ObjectMapper mapper,
                         CassguardConfig config) {
        this.caches = caches;
        this.guarded = guarded;
        this.checks = checks;
        this.denials = denials;
        this.clients = clients;
        this.mapper = mapper;
        this.watchedNamespaces = config.watch().namespaces().filter(list -> !list.isEmpty());
        this.limit = config.report().maxResults();
    }

    /** Brings every namespace's report up to date: written, or deleted once the namespace has nothing to report. */
    public void writeChanged(Writes writes) {
        Map<String, PolicyReport> existing;
        try {
            existing = existing();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
            if (!notServedLogged) {
                LOG.warn("PolicyReports are not written: the cluster does not serve wgpolicyk8s.io/v1alpha2 "
                        + "policyreports (install the Policy WG PolicyReport CRD)");
                notServedLogged = true;
            }
            return;
        }
        Map<String, List<PolicyReport.Result>> background = background();
        TreeSet<String> namespaces = new TreeSet<>(background.keySet());
        namespaces.addAll(denials.namespaces());
        namespaces.addAll(existing.keySet());
        for (String namespace : namespaces) {
            // a namespace being deleted takes new objects no more, and takes its report with it
            if (!caches.terminating(namespace)) {
                writes.attempt("PolicyReport " + namespace + "/" + NAME,
                        () -> write(namespace, background.getOrDefault(namespace, List.of()), existing.get(namespace)));
            }
        }
    }

    private Map<String, List<PolicyReport.Result>> background() {
        Map<String, List<PolicyReport.Result>> results = new TreeMap<>();
        for (HasMetadata object : guarded.all()) {
            guarded.policy(object).ifPresent(policy -> results
                    .computeIfAbsent(object.getMetadata().getNamespace(), ns -> new ArrayList<>())
                    .addAll(checks.evaluate(object, policy)));
        }
        return results;
    }

    private boolean write(String namespace, List<PolicyReport.Result> background, PolicyReport current) {
        List<PolicyReport.Result> results = results(namespace, background, current);
        KubernetesClient client = clients.get();
        if (current == null) {
            if (results.isEmpty()) {
                return false;
            }
            PolicyReport report = new PolicyReport();
            report.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(namespace)
                    .addToLabels(MANAGED_BY, NAME).build());
            report.results = results;
            report.summary = PolicyReport.Summary.of(results);
            client.resource(report).create();
            warnIfFull(namespace, results);
            return true;
        }
        if (results.isEmpty()) {
            client.resource(current).delete();
            return true;
        }
        PolicyReport.Summary summary = PolicyReport.Summary.of(results);
        if (json(results).equals(json(current.results)) && json(summary).equals(json(current.summary))) {
            return false;
        }
        current.results = results;
        current.summary = summary;
        client.resource(current).update();
        warnIfFull(namespace, results);
        return true;
    }

    private void warnIfFull(String namespace, List<PolicyReport.Result> results) {
        if (results.size() == limit) {
            LOG.warnf("PolicyReport %s/%s is full: it holds %d results, older denials are left out", namespace, NAME, limit);
        }
    }

    /**
     * Background results first, in object and rule order, each keeping the timestamp of its identical result in the
     * current report; then the denials, newest first, from this replica and from the current report.
     */
    private List<PolicyReport.Result> results(String namespace, List<PolicyReport.Result> background, PolicyReport current) {
        List<PolicyReport.Result> earlier = current == null ? List.of() : current.results;
        Map<JsonNode, PolicyReport.Timestamp> since = new HashMap<>();
        earlier.stream().filter(result -> result.timestamp != null).forEach(result -> since.putIfAbsent(withoutTime(result), result.timestamp));
        Instant now = Instant.now();
        background.forEach(result -> result.timestamp = Optional.ofNullable(since.get(withoutTime(result)))
                .orElseGet(() -> PolicyReport.Timestamp.of(now)));

        Map<String, PolicyReport.Result> admission = new LinkedHashMap<>();
        Stream.concat(denials.in(namespace).stream(), earlier.stream().filter(PolicyReports::isDenial))
                .filter(result -> result.timestamp != null)
                .forEach(result -> admission.putIfAbsent(result.properties.get("admissionUid") + " " + result.rule, result));

        return Stream.concat(background.stream(), admission.values().stream().sorted(PolicyReport.NEWEST_FIRST))
                .limit(limit).collect(Collectors.toList());
    }

    private static boolean isDenial(PolicyReport.Result result) {
        return PolicyReport.ORIGIN_ADMISSION.equals(result.properties.get(PolicyReport.ORIGIN));
    }

    private JsonNode withoutTime(PolicyReport.Result result) {
        ObjectNode node = mapper.valueToTree(result);
        node.remove("timestamp");
        return node;
    }

    private JsonNode json(Object value) {
        return mapper.valueToTree(value);
    }

    private Map<String, PolicyReport> existing() {
        KubernetesClient client = clients.get();
        List<PolicyReport> reports = watchedNamespaces
                .map(list -> list.stream().flatMap(ns -> client.resources(PolicyReport.class).inNamespace(ns)
                        .withLabel(MANAGED_BY, NAME).list().getItems().stream()).toList())
                .orElseGet(() -> client.resources(PolicyReport.class).inAnyNamespace()
                        .withLabel(MANAGED_BY, NAME).list().getItems());
        return reports.stream().filter(report -> NAME.equals(report.getMetadata().getName()))
                .collect(Collectors.toMap(report -> report.getMetadata().getNamespace(), Function.identity()));
    }
}
