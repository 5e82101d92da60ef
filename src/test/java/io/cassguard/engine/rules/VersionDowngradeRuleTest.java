package io.cassguard.engine.rules;

import org.junit.jupiter.api.Test;

import static io.cassguard.engine.fixtures.EngineFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code version-downgrade}: a minor or major downgrade refused, a patch downgrade only a warning. */
class VersionDowngradeRuleTest {

    private static final String RULE = "version-downgrade";

    @Test
    void refusesACassandraClusterDowngradeOfAMinorVersion() {
        assertThat(violations(RULE, "cassandracluster-downgrade-4.1-to-4.0-refused")).containsExactly(Violation.refuse(
                "Cassandra 4.1.5 -> 4.0.11 is a downgrade: Cassandra cannot read the data files a newer major "
                + "or minor version wrote; keep 4.1 (4.1.5 or a later patch), or restore a backup taken before "
                + "the upgrade"));
    }

    @Test
    void refusesAStatefulSetDowngradeOfAMinorVersion() {
        assertThat(violations(RULE, "statefulset-downgrade-4.1-to-4.0-refused")).containsExactly(Violation.refuse(
                "Cassandra 4.1.5 -> 4.0.11 is a downgrade: Cassandra cannot read the data files a newer major "
                + "or minor version wrote; keep 4.1 (4.1.5 or a later patch), or restore a backup taken before "
                + "the upgrade"));
    }

    @Test
    void onlyWarnsOfAPatchDowngradeWhateverTheAction() {
        assertThat(violations(RULE, "cassandracluster-patch-downgrade-warned")).containsExactly(Violation.warn(
                "Cassandra 4.1.5 -> 4.1.3 is a patch downgrade; read NEWS.txt of 4.1.5 before rolling back"));
    }

    @Test
    void passesAPatchUpgrade() {
        assertThat(violations(RULE, "cassandracluster-patch-upgrade-allowed")).isEmpty();
    }

    @Test
    void namesTheDatacenterThatDowngradesAloneInAK8ssandraCluster() {
        assertThat(violations(RULE, "k8ssandracluster-dc2-own-downgrade-refused")).extracting(Violation::message)
                .containsExactly("dc dc2: Cassandra 4.1.5 -> 4.0.11 is a downgrade: Cassandra cannot read the data files a"
                        + " newer major or minor version wrote; keep 4.1 (4.1.5 or a later patch), or restore a backup"
                        + " taken before the upgrade");
    }
}
