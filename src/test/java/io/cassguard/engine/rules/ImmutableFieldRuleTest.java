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

    @Test
    void refusesTheTokenCountK8ssandraWritesByDefaultChangingWithTheVersion() {
        assertThat(violations(RULE, "k8ssandracluster-upgrade-3.11-to-4.0-with-default-num-tokens-refused"))
                .containsExactly(Violation.refuse("dc dc1, dc2: config.cassandraYaml.num_tokens 256 -> 16 cannot change on"
                        + " existing nodes, whose tokens are assigned; keep 256 (another token count needs a new datacenter)"));
    }

    @Test
    void passesAnUpgradeThatWritesTheTokenCountOut() {
        assertThat(violations(RULE, "k8ssandracluster-upgrade-3.11-to-4.0-keeping-num-tokens-allowed")).isEmpty();
    }

    @Test
    void refusesAServerTypeChange() {
        assertThat(violations(RULE, "cassandradatacenter-server-type-change-refused")).containsExactly(Violation.refuse(
                "serverType cassandra -> dse cannot change: the nodes' data files and system tables are cassandra's;"
                        + " keep cassandra (another server type needs a new cluster and a migration of the data)"));
    }
}
