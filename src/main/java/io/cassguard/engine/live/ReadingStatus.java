package io.cassguard.engine.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the reading of one cluster stands: the last good reading (kept while later attempts fail), the last error
 * and when it happened, and whether the reader is connected now.
 *
 * @param lastReading the last complete reading, empty before the first
 * @param lastError   the last failed attempt, empty when the last attempt succeeded
 * @param connected   whether the last attempt succeeded
 */
public record ReadingStatus(Optional<CassandraReading> lastReading, Optional<ReadError> lastError, boolean connected) {

    /** A failed attempt to read a cluster: when, and what went wrong, in words for {@code /clusters}. */
    public record ReadError(Instant at, String message) {
    }

    /** The last reading when it is not older than {@code maxAge}: what the rules may decide from. */
    public Optional<CassandraReading> freshReading(Duration maxAge, Instant now) {
        return lastReading.filter(r -> !r.olderThan(maxAge, now));
    }
}
