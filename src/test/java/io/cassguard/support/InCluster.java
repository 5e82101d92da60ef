package io.cassguard.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * cassguard in-cluster, talking to the fabric8 mock API server. The Event queue holds one Event, so that tests can
 * fill it with a handful of denials.
 */
public class InCluster implements QuarkusTestProfile {

    public static final int EVENT_QUEUE_SIZE = 1;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "cassguard.cluster.mode", "in-cluster",
                "cassguard.audit.events.queue-size", Integer.toString(EVENT_QUEUE_SIZE));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KubernetesApiMock.class));
    }
}
