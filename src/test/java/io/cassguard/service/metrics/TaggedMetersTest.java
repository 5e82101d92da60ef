package io.cassguard.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TaggedMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TaggedMeters<Counter> requests = TaggedMeters.counters(registry, "requests", "webhook", "decision");

    @Test
    void registersTheMeterOfEachSetOfTagValuesWithTheTagKeysInOrder() {
        requests.get("validate", "denied").increment();
        requests.get("validate", "denied").increment();
        requests.get("mutate", "mutated").increment();

        assertEquals(2.0, registry.get("requests").tags(Tags.of("webhook", "validate", "decision", "denied"))
                .counter().count());
        assertEquals(1.0, registry.get("requests").tags(Tags.of("webhook", "mutate", "decision", "mutated"))
                .counter().count());
        assertEquals(2, registry.get("requests").counters().size());
    }

    @Test
    void findsTheRegisteredMeterAgainWithoutRegisteringIt() {
        assertSame(requests.get("validate", "allowed"), requests.get("validate", "allowed"));
        assertNotSame(requests.get("validate", "allowed"), requests.get("validate", "denied"));
    }

    @Test
    void refusesValuesThatDoNotMatchTheKeys() {
        assertThrows(IllegalArgumentException.class, () -> requests.get("validate"));
    }
}
