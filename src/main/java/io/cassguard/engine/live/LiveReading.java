package io.cassguard.engine.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the rules know, at admission, of where a cluster's data is (docs/live-state.md): a fresh reading and its age; or
 * that a reading was expected but none is fresh, and why; or that nobody reads this cluster at all (standalone
 * without contact points, {@code cassguard check}), where the rules decide from the objects as they always did.
 */
public record LiveReading(Optional<CassandraReading> reading, Duration age, boolean expected, String unknownReason) {

    public static final LiveReading NOT_READ = new LiveReading(Optional.empty(), Duration.ZERO, false,
            "cassguard does not read this cluster");

    public static LiveReading known(CassandraReading reading, Duration age) {
        return new LiveReading(Optional.of(reading), age, true, null);
    }

    public static LiveReading unknown(String reason) {
        return new LiveReading(Optional.empty(), Duration.ZERO, true, reason);
    }

    /** What a reader's status means for the rules, now: a reading older than {@code maxAge} is unknown. */
    public static LiveReading of(ReadingStatus status, Duration maxAge, Instant now) {
        Optional<CassandraReading> fresh = status.freshReading(maxAge, now);
        if (fresh.isPresent()) {
            return known(fresh.get(), fresh.get().age(now));
        }
        String error = status.lastError().map(e -> ": " + e.message()).orElse("");
        return unknown(status.lastReading()
                .map(last -> "the last reading is " + seconds(last.age(now)) + " old, older than " + seconds(maxAge) + error)
                .orElse("Cassandra has not been read yet" + error));
    }

    public boolean isKnown() {
        return reading.isPresent();
    }

    /** {@code read 20 s ago}, for messages that say where a fact comes from. */
    public String ageText() {
        return "read " + seconds(age) + " ago";
    }

    /** For a message that falls back to the objects: why live replication and node state were not used. */
    public String fallbackNote() {
        return expected ? " (live state unknown: " + unknownReason + ")" : "";
    }

    private static String seconds(Duration duration) {
        return Math.max(0, duration.toSeconds()) + " s";
    }
}
