package io.cassguard.support;

import java.util.List;
import java.util.Map;

/**
 * In-cluster against an API server that misbehaves: at start it fails every list of StatefulSets (503) and does not
 * serve CassandraClusters (404, no CRD), until {@link KubernetesApiMock#heal()}; tests may also stop it.
 */
public class InClusterWithTroubledApiServer extends InCluster {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KubernetesApiMock.class,
                Map.of("unavailable", "/apis/apps/v1/statefulsets", "not-served", "/apis/db.orange.com/")));
    }
}
