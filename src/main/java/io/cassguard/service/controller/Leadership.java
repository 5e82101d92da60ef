package io.cassguard.service.controller;

import io.cassguard.service.config.CassguardConfig;
import io.cassguard.service.kubernetes.ClusterMode;
import io.cassguard.service.kubernetes.PodIdentity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Leader election on a {@code coordination.k8s.io} Lease with fabric8's LeaderElector: of all cassguard replicas,
 * only the leader writes status and PolicyReports; every replica answers admission. A replica that loses the lease
 * (or cannot renew it because the API server is unreachable) stops writing and stands for election again.
 */
@ApplicationScoped
public class Leadership {

    private static final Logger LOG = Logger.getLogger(Leadership.class);

    private final ClusterMode mode;
    private final Instance<KubernetesClient> clients;
    private final String leaseName;
    private final Optional<String> leaseNamespace;
    private final String identity;
    private final PodIdentity pod;
    private final Duration leaseDuration;
    private final Duration renewDeadline;
    private final Duration retryPeriod;

    private volatile boolean leader;
    private volatile boolean stopping;
    /** Counts the terms this replica has led, so that a new term can be told from the last one. */
    private final AtomicLong terms = new AtomicLong();
    private CompletableFuture<?> election;

    public Leadership(ClusterMode mode, Instance<KubernetesClient> clients, CassguardConfig config, PodIdentity pod) {
        this.mode = mode;
        this.clients = clients;
        this.leaseName = config.leader().leaseName();
        this.leaseNamespace = config.leader().namespace();
        // the pod's name first: the Lease then says which pod leads; a new one at each start tells the terms apart
        this.identity = config.leader().identity().orElseGet(() -> pod.name() + "-" + UUID.randomUUID().toString().substring(0, 8));
        this.pod = pod;
        this.leaseDuration = config.leader().leaseDuration();
        this.renewDeadline = config.leader().renewDeadline();
        this.retryPeriod = config.leader().retryPeriod();
    }

    void start(@Observes StartupEvent event) {
        if (mode.inCluster()) {
            stand();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        CompletableFuture<?> current;
        synchronized (this) {
            current = election;
        }
        if (current != null) {
            current.cancel(true); // releases the lease, so that another replica takes over at once
        }
    }

    public boolean isLeader() {
        return leader;
    }

    /** Increases each time this replica starts leading. */
    public long term() {
        return terms.get();
    }

    public String identity() {
        return identity;
    }

    /** Stands for election; a LeaderElector runs once, so each term after a lost lease needs a new one. */
    private synchronized void stand() {
        if (stopping) {
            return;
        }
        KubernetesClient client = clients.get();
        String namespace = leaseNamespace.orElseGet(() -> pod.namespace(client));
        election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                        .withName("cassguard")
                        .withLock(new LeaseLock(namespace, leaseName, identity))
                        .withLeaseDuration(leaseDuration)
                        .withRenewDeadline(renewDeadline)
                        .withRetryPeriod(retryPeriod)
                        .withReleaseOnCancel(true)
                        .withLeaderCallbacks(new LeaderCallbacks(this::startLeading, this::stopLeading,
                                holder -> LOG.infof("leader of cassguard is now %s", holder)))
                        .build())
                .build()
                .start();
        election.whenComplete((ignored, problem) -> {
            leader = false;
            stand();
        });
    }

    private void startLeading() {
        terms.incrementAndGet();
        leader = true;
        LOG.infof("%s leads: it writes GuardrailPolicy status and PolicyReports", identity);
    }

    private void stopLeading() {
        leader = false;
        LOG.infof("%s no longer leads", identity);
    }
}
