package io.cassguard.engine.rules;

import org.junit.jupiter.api.Test;

import static io.cassguard.engine.fixtures.EngineFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code mixed-change}: a version change and a size or topology change in one update. */
class MixedChangeRuleTest {

    private static final String RULE = "mixed-change";

    @Test
    void refusesACassandraClusterUpgradedAndScaledAtOnce() {
        assertThat(violations(RULE, "cassandracluster-upgrade-and-scale-up-at-once-refused")).containsExactly(Violation.refuse(
                "Cassandra 4.0.11 -> 4.1.5 together with a size or topology change (racks dc1/rack1, "
                + "dc1/rack2, dc1/rack3: nodesPerRacks 3 -> 4) in one update; make them two updates, waiting "
                + "until the cluster is Running in between"));
    }

    @Test
    void refusesAStatefulSetUpgradedAndScaledAtOnce() {
        assertThat(violations(RULE, "statefulset-upgrade-and-scale-at-once-refused")).containsExactly(Violation.refuse(
                "Cassandra 4.0.11 -> 4.1.5 together with a size or topology change (rack "
                + "dc1/cassandra-dc1-rack1: replicas 3 -> 4) in one update; make them two updates, waiting until "
                + "all pods of the rack are ready in between"));
    }

    @Test
    void passesAnUpgradeAlone() {
        assertThat(violations(RULE, "cassandracluster-patch-upgrade-allowed")).isEmpty();
    }

    @Test
    void passesAScaleDownAlone() {
        assertThat(violations(RULE, "cassandracluster-three-racks-3-to-2-allowed")).isEmpty();
    }
}
