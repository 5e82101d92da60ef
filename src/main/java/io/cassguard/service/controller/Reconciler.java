package io.cassguard.service.controller;

import io.cassguard.service.config.CassguardConfig;
import io.cassguard.service.kubernetes.ApiServerErrors;
import io.cassguard.service.kubernetes.CacheChanged;
import io.cassguard.service.kubernetes.ClusterMode;
import io.cassguard.service.kubernetes.KubernetesCaches;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The leader's loop: after something changed (a cached object, a denial, a new term as leader), or every
 * {@code cassguard.controller.resync} at least (policy files change without events), it brings the GuardrailPolicy
 * statuses and the PolicyReports up to date. Replicas that do not lead never write.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final ClusterMode mode;
    private final KubernetesCaches caches;
    private final Leadership leadership;
    private final PolicyStatusWriter statuses;
    private final PolicyReports reports;
    private final Duration resync;
    private final AtomicBoolean changed = new AtomicBoolean(true);
    private long reconciledTerm = -1;
    /** The writes that failed in the last pass, and why: each is logged when it starts failing and when it recovers. */
    private Map<String, String> failing = Map.of();
    private Instant lastPass = Instant.MIN;

    public Reconciler(ClusterMode mode, KubernetesCaches caches, Leadership leadership, PolicyStatusWriter statuses,
                      PolicyReports reports, CassguardConfig config) {
        this.mode = mode;
        this.caches = caches;
        this.leadership = leadership;
        this.statuses = statuses;
        this.reports = reports;
        this.resync = config.controller().resync();
    }

    /** Something the statuses or reports are made of changed. */
    public void changed() {
        changed.set(true);
    }

    void cacheChanged(@Observes CacheChanged event) {
        changed();
    }

    @Scheduled(every = "${cassguard.controller.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcile() {
        if (!mode.inCluster() || !leadership.isLeader() || !caches.ready()) {
            return;
        }
        long term = leadership.term();
        Instant now = Instant.now();
        boolean due = term != reconciledTerm || lastPass.isBefore(now.minus(resync));
        if (!changed.getAndSet(false) && !due) {
            return;
        }
        reconciledTerm = term;
        lastPass = now;
        try {
            Writes writes = new Writes();
            statuses.writeChanged(writes);
            reports.writeChanged(writes);
            LOG.debugf("reconciled: %d writes", writes.written());
            report(writes.failures());
        } catch (KubernetesClientException e) {
            // A conflict means the cache was behind; anything else is the API server. The next pass retries.
            LOG.warnf("status and PolicyReports not brought up to date (%s); retrying", ApiServerErrors.brief(e));
            changed();
        } catch (RuntimeException e) {
            LOG.errorf(e, "status and PolicyReports not brought up to date; retrying");
            changed();
        }
    }

    /** Failed writes are retried next pass; a log line when one starts failing (or fails otherwise), and when it recovers. */
    private void report(Map<String, String> failures) {
        failures.forEach((what, problem) -> {
            if (!problem.equals(failing.get(what))) {
                LOG.warnf("%s not written (%s); retrying", what, problem);
            }
        });
        failing.keySet().stream().filter(what -> !failures.containsKey(what))
                .forEach(what -> LOG.infof("%s written again", what));
        failing = Map.copyOf(failures);
        if (!failures.isEmpty()) {
            changed();
        }
    }
}
