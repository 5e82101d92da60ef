package io.cassguard.engine.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** cass-operator's names of what it makes for a datacenter, for reading its Cassandra cluster through its Service. */
class CassOperatorNamesTest {

    @Test
    void aNameThatIsADnsLabelIsKept() {
        assertThat(CassOperatorNames.forKubernetes("demo-2")).isEqualTo("demo-2");
    }

    @Test
    void spacesAndCapitalsAreLeftOut() {
        assertThat(CassOperatorNames.forKubernetes("Weird Cluster Name")).isEqualTo("weirdclustername");
    }

    @Test
    void underscoresBecomeDashes() {
        assertThat(CassOperatorNames.forKubernetes("Test_Cluster")).isEqualTo("test-cluster");
    }

    @Test
    void theServiceOfADatacenterJoinsTheCleanedClusterAndDatacenterNames() {
        assertThat(CassOperatorNames.datacenterService("Weird Cluster Name", "dc1")).isEqualTo("weirdclustername-dc1-service");
    }
}
