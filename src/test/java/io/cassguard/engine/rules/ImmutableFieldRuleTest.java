package io.cassguard.engine.rules;

import org.junit.jupiter.api.Test;

import static io.cassguard.engine.fixtures.EngineFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code immutable-field}: what existing nodes cannot change. */
class ImmutableFieldRuleTest {

    private static final String RULE = "immutable-field";

    @Test
    void refusesANumTokensChange() {
        assertThat(violations(RULE, "cassandracluster-num-tokens-change-refused")).containsExactly(Violation.refuse(
                "dc dc1: numTokens 256 -> 16 cannot change on existing nodes, whose tokens are assigned; keep "
                + "256 (another token count needs a new datacenter)"));
    }

    @Test
    void refusesADatacenterLabelsChange() {
        assertThat(violations(RULE, "cassandracluster-dc-labels-change-refused")).containsExactly(Violation.refuse(
                "dc dc1: labels {topology.kubernetes.io/zone=europe-west1-b} -> "
                + "{topology.kubernetes.io/zone=europe-west1-c} cannot change: they place the datacenter's pods "
                + "on the nodes that hold its data; keep {topology.kubernetes.io/zone=europe-west1-b}"));
    }

    @Test
    void refusesAStatefulSetServiceNameChange() {
        assertThat(violations(RULE, "statefulset-service-name-change-refused")).containsExactly(Violation.refuse(
                "rack cassandra-dc1-rack1: serviceName cassandra -> cassandra-headless cannot change: the "
                + "pods' DNS names, and the seeds, depend on it; keep cassandra"));
    }

    @Test
    void refusesAStatefulSetDatacenterLabelChange() {
        assertThat(violations(RULE, "statefulset-datacenter-label-change-refused")).containsExactly(Violation.refuse(
                "rack cassandra-dc1-rack1: datacenter dc1 -> dc2 cannot change: Cassandra refuses to start a "
                + "node in another datacenter than the one it joined; keep dc1 (label "
                + "cassandraclusters.db.orange.com.dc or env CASSANDRA_DC)"));
    }

    @Test
    void refusesAStatefulSetNumTokensEnvChange() {
        assertThat(violations(RULE, "statefulset-num-tokens-env-change-refused")).containsExactly(Violation.refuse(
                "rack cassandra-dc1-rack1: env CASSANDRA_NUM_TOKENS 256 -> 16 cannot change on existing nodes, "
                + "whose tokens are assigned; keep 256 (another token count needs a new datacenter)"));
    }

    @Test
    void passesAnUpgradeThatKeepsEveryImmutableField() {
        assertThat(violations(RULE, "statefulset-upgrade-4.0-to-4.1-allowed")).isEmpty();
    }
}
