package io.cassguard.engine.cluster;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Cassandra release, {@code MAJOR.MINOR[.PATCH]}. Upgrade paths and downgrades are decided on the minor line
 * ({@code 4.1}); the patch, when known, only tells a patch upgrade from a patch downgrade.
 */
public record CassandraVersion(int major, int minor, Integer patch) {

    /** The first MAJOR.MINOR[.PATCH] in a text, not glued to other digits or dots (so {@code 8u212} is no version). */
    private static final Pattern VERSION = Pattern.compile("(?<![\\d.])(\\d{1,6})\\.(\\d{1,6})(?:\\.(\\d{1,6}))?(?![\\d])");
    private static final Comparator<CassandraVersion> LINE_ORDER =
            Comparator.comparingInt(CassandraVersion::major).thenComparingInt(CassandraVersion::minor);

    /** The first version in a text, e.g. {@code 3.11.4} in the tag {@code 3.11.4-8u212-0.3.1}. */
    public static Optional<CassandraVersion> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = VERSION.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(new CassandraVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                matcher.group(3) == null ? null : Integer.valueOf(matcher.group(3))));
    }

    /** The release line, {@code 4.1}: what the supported upgrade paths are written in. */
    public String line() {
        return major + "." + minor;
    }

    /** Compares release lines only: 4.1.5 and 4.1.2 are on the same line. */
    public int compareLine(CassandraVersion other) {
        return LINE_ORDER.compare(this, other);
    }

    /** Whether this is a lower patch of the same line; unknown patches are never lower. */
    public boolean isPatchBelow(CassandraVersion other) {
        return compareLine(other) == 0 && patch != null && other.patch != null && patch < other.patch;
    }

    @Override
    public String toString() {
        return patch == null ? line() : line() + "." + patch;
    }
}
