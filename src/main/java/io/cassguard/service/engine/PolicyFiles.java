package io.cassguard.service.engine;

import io.cassguard.engine.policy.CompiledPolicy;
import io.cassguard.engine.policy.PolicyStore;
import io.cassguard.service.metrics.Meters;
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

    public PolicyFiles(PolicyStore store, Meters meters) {
        this.store = store;
        meters.policies(() -> store.policies().size(), () -> store.problems().size());
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
