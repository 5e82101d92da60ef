package io.cassguard.service.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cassguard.engine.cluster.GuardedRequestReader;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.decision.Engine;
import io.cassguard.engine.decision.MutationEngine;
import io.cassguard.engine.decision.RuleRunner;
import io.cassguard.engine.decision.ValidationEngine;
import io.cassguard.engine.policy.Catalog;
import io.cassguard.engine.policy.PolicyCompiler;
import io.cassguard.engine.policy.PolicyStore;
import io.cassguard.model.AdmissionReviewReader;
import io.cassguard.service.cassandra.LiveCassandra;
import io.cassguard.service.config.CassguardConfig;
import io.cassguard.service.kubernetes.ClusterMode;
import io.cassguard.service.kubernetes.InformedLiveState;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The plain-Java engine, made once and handed to the endpoints, the controller and the audit trail as beans. */
@Singleton
public class EngineBeans {

    /** The informer caches in-cluster, nothing standalone; the Cassandra readings in both modes. */
    @Produces
    @Singleton
    LiveState liveState(ClusterMode mode, Instance<InformedLiveState> informed, LiveCassandra cassandra) {
        return new ObservedLiveState(mode.inCluster() ? informed.get() : LiveState.NONE, cassandra);
    }

    @Produces
    @Singleton
    Engine engine(CassguardConfig config, LiveState liveState) {
        return Engine.create(config.policies().dir(), liveState);
    }

    /** The webhook reads every AdmissionReview body with it, within the configured JSON depth. */
    @Produces
    @Singleton
    AdmissionReviewReader reviewReader(ObjectMapper mapper, CassguardConfig config) {
        return new AdmissionReviewReader(mapper, config.admission().maxJsonDepth());
    }

    @Produces
    Catalog catalog(Engine engine) {
        return engine.catalog();
    }

    @Produces
    PolicyCompiler compiler(Engine engine) {
        return engine.compiler();
    }

    @Produces
    PolicyStore policies(Engine engine) {
        return engine.policies();
    }

    @Produces
    GuardedRequestReader reader(Engine engine) {
        return engine.reader();
    }

    @Produces
    RuleRunner runner(Engine engine) {
        return engine.runner();
    }

    @Produces
    ValidationEngine validation(Engine engine) {
        return engine.validation();
    }

    @Produces
    MutationEngine mutation(Engine engine) {
        return engine.mutation();
    }
}
