package io.cassguard.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The meters of one name, found by their tag values. Micrometer finds an already registered meter by building its id
 * (a new, sorted {@link Tags}) on every call, which on the admission path, with a dozen counts per request, costs more
 * than the counting; here a set of tag values registers its meter on first use and finds it in a map afterwards.
 */
public final class TaggedMeters<M extends Meter> {

    private final String[] keys;
    private final Function<Tags, M> register;
    private final Map<List<String>, M> meters = new ConcurrentHashMap<>();

    /**
     * @param register registers the meter with the given tags (called once per set of tag values)
     * @param keys     the tag keys, in the order {@link #get} takes their values
     */
    public TaggedMeters(Function<Tags, M> register, String... keys) {
        this.register = register;
        this.keys = keys.clone();
    }

    public static TaggedMeters<Counter> counters(MeterRegistry registry, String name, String... keys) {
        return new TaggedMeters<>(tags -> registry.counter(name, tags), keys);
    }

    /** The meter of these tag values, one per key in order. */
    public M get(String... values) {
        if (values.length != keys.length) {
            throw new IllegalArgumentException("expected values for " + List.of(keys) + ", got " + List.of(values));
        }
        return meters.computeIfAbsent(List.of(values), this::registered);
    }

    private M registered(List<String> values) {
        Tags tags = Tags.empty();
        for (int i = 0; i < keys.length; i++) {
            tags = tags.and(keys[i], values.get(i));
        }
        return register.apply(tags);
    }
}
