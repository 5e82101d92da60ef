package io.cassguard.engine.rules;

import org.junit.jupiter.api.Test;

import static io.cassguard.engine.fixtures.EngineFixtures.applies;
import static io.cassguard.engine.fixtures.EngineFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code deletion-protection}: a delete needs an earlier {@code cassguard.io/allow-delete: "true"}. */
class DeletionProtectionRuleTest {

    private static final String RULE = "deletion-protection";

    @Test
    void refusesDeletingACassandraClusterAndGivesTheKubectlAnnotate() {
        assertThat(violations(RULE, "cassandracluster-delete-refused")).containsExactly(Violation.refuse(
                "CassandraCluster cassandra/cluster1 is protected against deletion; to delete it, first run: "
                + "kubectl annotate cassandracluster cluster1 -n cassandra cassguard.io/allow-delete=true"));
    }

    @Test
    void passesDeletingACassandraClusterAnnotatedAllowDelete() {
        assertThat(violations(RULE, "cassandracluster-delete-allowed-by-annotation")).isEmpty();
    }

    @Test
    void refusesDeletingAStatefulSetAndGivesTheKubectlAnnotate() {
        assertThat(violations(RULE, "statefulset-delete-unprotected")).containsExactly(Violation.refuse(
                "StatefulSet cassandra/cassandra-dc1-rack1 is protected against deletion; to delete it, first "
                + "run: kubectl annotate statefulset cassandra-dc1-rack1 -n cassandra "
                + "cassguard.io/allow-delete=true"));
    }

    @Test
    void passesDeletingAStatefulSetAnnotatedAllowDelete() {
        assertThat(violations(RULE, "statefulset-delete-allowed-by-annotation")).isEmpty();
    }

    @Test
    void judgesCassKopsOwnStatefulSetsTooForWhatThePolicysOperatorsDoIsExemptedBeforeAnyRule() {
        assertThat(applies(RULE, "statefulset-delete-casskop-owned-allowed")).isTrue();
    }

    @Test
    void judgesOnlyDeletes() {
        assertThat(applies(RULE, "statefulset-scale-to-0-refused")).isFalse();
    }

    @Test
    void saysThatCassOperatorDeletesTheVolumesOfADeletedDatacenter() {
        assertThat(violations(RULE, "cassandradatacenter-delete-refused")).extracting(Violation::message).containsExactly(
                "CassandraDatacenter cassandra/dc1 is protected against deletion; cass-operator deletes its"
                        + " PersistentVolumeClaims with it, and the data on them, unless it is annotated"
                        + " cassandra.datastax.com/delete-pvc=false; to delete it, first run: kubectl annotate"
                        + " cassandradatacenter dc1 -n cassandra cassguard.io/allow-delete=true");
    }

    @Test
    void passesADatacenterAnnotatedForDeletion() {
        assertThat(violations(RULE, "cassandradatacenter-delete-allowed-by-annotation")).isEmpty();
    }
}
