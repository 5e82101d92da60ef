package io.cassguard.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * cassguard standalone, reading the real test Cassandra cluster of {@link RealCassandra} at
 * {@code cassguard.cassandra.contact-points}, as a developer tries it against a local Cassandra (README).
 */
public class StandaloneWithCassandra implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "cassguard.cassandra.contact-points", "127.0.0.1:" + RealCassandra.CQL_PORT,
                "cassguard.cassandra.refresh-interval", "2s");
    }
}
