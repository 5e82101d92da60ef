package io.cassguard.service.engine;

import io.cassguard.engine.policy.CompiledPolicy;
import io.cassguard.engine.policy.PolicyStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Keeps the policy files in force as they change on disk, and counts the policies for {@code cassguard_policies}. */
@Singleton
public class PolicyFiles {

    private static final Logger LOG = Logger.getLogger(PolicyFiles.class);

    private final PolicyStore store;

    public PolicyFiles(PolicyStore store, MeterRegistry registry) {
        this.store = store;
        Gauge.builder("cassguard.policies", store, policies -> policies.policies().size()).tag("state", "active").register(registry);
        Gauge.builder("cassguard.policies", store, policies -> policies.problems().size()).tag("state", "invalid").register(registry);
    }

    void logAtStart(@Observes StartupEvent event) {
        LOG.infof("policies in force from %s: %s", store.directory().toAbsolutePath(),
                store.policies().stream().map(CompiledPolicy::name).toList());
    }

    @Scheduled(every = "${cassguard.policies.reload-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reload() {
        store.reloadIfChanged();
    }
}
