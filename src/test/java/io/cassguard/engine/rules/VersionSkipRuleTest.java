package io.cassguard.engine.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.cassguard.engine.fixtures.EngineFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code version-skip} with the default upgrade paths of docs/rules.md. */
class VersionSkipRuleTest {

    private static final String RULE = "version-skip";

    @Test
    void refusesSkippingAReleaseLineAndNamesTheStepsBetween() {
        assertThat(violations(RULE, "cassandracluster-upgrade-3.11-to-5.0-refused")).containsExactly(Violation.refuse(
                "Cassandra 3.11.16 -> 5.0.2 skips a supported upgrade path (from 3.11: 4.0, 4.1); upgrade to "
                + "4.0 or 4.1 first, wait until the cluster is Running, then to 5.0"));
    }

    @Test
    void refusesAnUpgradeFrom22To40() {
        assertThat(violations(RULE, "cassandracluster-upgrade-2.2-to-4.0-refused")).containsExactly(Violation.refuse(
                "Cassandra 2.2.19 -> 4.0.11 skips a supported upgrade path (from 2.2: 3.0, 3.11); upgrade to "
                + "3.0 or 3.11 first, wait until the cluster is Running, then to 4.0"));
    }

    @Test
    void refusesAnUpgradeFromALineWithNoSupportedPath() {
        assertThat(violations(RULE, "cassandracluster-upgrade-from-unsupported-2.1-refused")).containsExactly(Violation.refuse(
                "Cassandra 2.1.22 -> 3.11.16 is not a supported upgrade: no supported path starts from 2.1; "
                + "check Cassandra's NEWS.txt of 3.11 and, if it supports the upgrade, add it to the policy's "
                + "versionSkip.paths"));
    }

    @Test
    void readsTheVersionOfAV2ServerVersion() {
        assertThat(violations(RULE, "cassandracluster-v2-server-version-skip-refused")).containsExactly(Violation.refuse(
                "Cassandra 3.11.16 -> 5.0.2 skips a supported upgrade path (from 3.11: 4.0, 4.1); upgrade to "
                + "4.0 or 4.1 first, wait until the cluster is Running, then to 5.0"));
    }

    @Test
    void refusesAStatefulSetSkippingAReleaseLine() {
        assertThat(violations(RULE, "statefulset-upgrade-3.11-to-5.0-refused")).containsExactly(Violation.refuse(
                "Cassandra 3.11.16 -> 5.0.2 skips a supported upgrade path (from 3.11: 4.0, 4.1); upgrade to "
                + "4.0 or 4.1 first, wait until all pods of the rack are ready, then to 5.0"));
    }

    @Test
    void passesAPatchUpgrade() {
        assertThat(violations(RULE, "cassandracluster-patch-upgrade-allowed")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.2-to-3.0", "2.2-to-3.11", "3.0-to-3.11", "3.0-to-4.0", "3.0-to-4.1", "3.11-to-4.0",
            "3.11-to-4.1", "4.0-to-4.1", "4.0-to-5.0", "4.1-to-5.0"})
    void passesEverySupportedUpgradePath(String path) {
        assertThat(violations(RULE, "cassandracluster-upgrade-" + path + "-allowed")).isEmpty();
    }

    @Test
    void refusesACassandraDatacenterSkippingFrom3Point11To5Point0() {
        assertThat(violations(RULE, "cassandradatacenter-upgrade-3.11-to-5.0-refused")).extracting(Violation::message)
                .containsExactly("Cassandra 3.11.17 -> 5.0.2 skips a supported upgrade path (from 3.11: 4.0, 4.1);"
                        + " upgrade to 4.0 or 4.1 first, wait until the datacenter is Ready, then to 5.0");
    }

    @Test
    void leavesDseUpgradesToTheirVendor() {
        assertThat(violations(RULE, "cassandradatacenter-dse-upgrade-6.8-to-6.9-allowed")).isEmpty();
    }
}
