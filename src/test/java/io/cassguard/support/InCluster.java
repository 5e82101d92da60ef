package io.cassguard.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** The application in in-cluster mode against a {@link MockApiServer}; the tests of this profile share one. */
public class InCluster implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MockApiServer.class));
    }
}
