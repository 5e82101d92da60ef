package io.cassguard.engine.rules.upward;

import io.cassguard.service.kubernetes.ClusterMode;

/**
 * A deliberate violation of the layers, for {@code ArchitectureTest} to show that its rules catch one: an engine
 * rule that reaches up into the Quarkus service. Only the architecture test's own check imports it.
 */
public final class RuleThatImportsTheService {

    private RuleThatImportsTheService() {
    }

    public static boolean inCluster(ClusterMode mode) {
        return mode.inCluster();
    }
}
