package io.cassguard.engine.rules;

import org.junit.jupiter.api.Test;

import static io.cassguard.engine.fixtures.EngineFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code storage-shrink}: data volumes that cannot shrink or change storage class. */
class StorageShrinkRuleTest {

    private static final String RULE = "storage-shrink";

    @Test
    void refusesAClusterLevelDataCapacityShrink() {
        assertThat(violations(RULE, "cassandracluster-storage-shrink-refused")).containsExactly(Violation.refuse(
                "dc dc1: dataCapacity 1Ti -> 1000Gi would shrink the data volumes, and a persistent volume "
                + "cannot shrink; keep 1Ti or more"));
    }

    @Test
    void refusesADatacenterLevelDataCapacityShrink() {
        assertThat(violations(RULE, "cassandracluster-dc-level-storage-shrink-refused")).containsExactly(Violation.refuse(
                "dc dc2: dataCapacity 200Gi -> 150Gi would shrink the data volumes, and a persistent volume "
                + "cannot shrink; keep 200Gi or more"));
    }

    @Test
    void refusesAStorageClassChange() {
        assertThat(violations(RULE, "cassandracluster-storage-class-change-refused")).containsExactly(Violation.refuse(
                "dc dc1: dataStorageClass fast-ssd -> standard cannot apply to existing data volumes; keep "
                + "fast-ssd (to move the data to another storage class, add a new datacenter that uses it, then "
                + "retire dc1)"));
    }

    @Test
    void passesAStorageGrowth() {
        assertThat(violations(RULE, "cassandracluster-storage-grow-allowed")).isEmpty();
    }

    @Test
    void passesAnAdditionalVolumeOfAConfigMapRemovedForItClaimsNoStorage() {
        assertThat(violations(RULE, "cassandradatacenter-config-map-volume-removed-allowed")).isEmpty();
    }

    @Test
    void saysAClusterWideShrinkOnceForEveryDatacenterOfAK8ssandraCluster() {
        assertThat(violations(RULE, "k8ssandracluster-storage-shrink-refused")).extracting(Violation::message)
                .containsExactly("dc dc1, dc2: storageConfig.cassandraDataVolumeClaimSpec.resources.requests.storage"
                        + " 100Gi -> 50Gi would shrink the data volumes, and a persistent volume cannot shrink; keep 100Gi"
                        + " or more");
    }
}
