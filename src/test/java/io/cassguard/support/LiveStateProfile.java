package io.cassguard.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Set;

/** Runs the service with {@link FixtureLiveStateBean}: what the webhook sees when the controller runs in a cluster. */
public class LiveStateProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(FixtureLiveStateBean.class);
    }
}
