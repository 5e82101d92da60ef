package io.cassguard.service.kubernetes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code cassguard.cluster.mode}: auto follows KUBERNETES_SERVICE_HOST, which every pod has. */
class ClusterModeTest {

    @Test
    void autoIsInClusterInsideAPod() {
        assertThat(ClusterMode.inCluster("auto", "10.96.0.1")).isTrue();
        assertThat(ClusterMode.inCluster("auto", null)).isFalse();
        assertThat(ClusterMode.inCluster("auto", " ")).isFalse();
    }

    @Test
    void anExplicitModeWinsOverTheEnvironment() {
        assertThat(ClusterMode.inCluster("standalone", "10.96.0.1")).isFalse();
        assertThat(ClusterMode.inCluster("in-cluster", null)).isTrue();
        assertThat(ClusterMode.inCluster(" In-Cluster ", null)).isTrue();
    }

    @Test
    void anUnknownModeIsRefusedByName() {
        assertThatThrownBy(() -> ClusterMode.inCluster("kubernetes", null))
                .hasMessage("cassguard.cluster.mode must be auto, standalone or in-cluster, not \"kubernetes\"");
    }
}
