package io.cassguard.service.audit;

import io.cassguard.model.Verdict;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The filters of {@code GET /audit} and {@code /audit/report} (docs/audit.md). Every filter is optional; text filters
 * match exactly ({@code kind} ignoring case), {@code rule} matches records that name the rule, {@code since} and
 * {@code until} are inclusive and take an RFC 3339 time ({@code 2026-05-01T12:00:00Z}), a date
 * ({@code 2026-05-01}, midnight UTC) or an age ({@code 90m}, {@code 24h}, {@code 7d}).
 */
public record AuditQuery(String namespace, String name, String kind, String rule, Verdict decision, String user,
                         Instant since, Instant until, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;
    public static final List<String> FILTERS = List.of("namespace", "name", "kind", "rule", "decision", "user", "since",
            "until", "limit");
    private static final Pattern AGE = Pattern.compile("(\\d{1,6})([smhd])");

    /**
     * Reads the query parameters of a request.
     *
     * @param others further parameters the endpoint takes itself (e.g. {@code format}); any other name is refused,
     *               so that a misspelt filter is not silently ignored
     */
    public static AuditQuery parse(Map<String, List<String>> parameters, Set<String> others, Instant now)
            throws InvalidQueryException {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String key = parameter.getKey();
            if (!FILTERS.contains(key) && !others.contains(key)) {
                throw new InvalidQueryException("unknown parameter " + key + "; the filters are " + String.join(", ", FILTERS));
            }
            if (parameter.getValue().size() > 1) {
                throw new InvalidQueryException("give " + key + " once");
            }
            String value = parameter.getValue().isEmpty() ? "" : parameter.getValue().get(0).strip();
            if (!value.isEmpty()) {
                values.put(key, value);
            }
        }
        Instant since = time(values.get("since"), "since", now);
        Instant until = time(values.get("until"), "until", now);
        if (since != null && until != null && since.isAfter(until)) {
            throw new InvalidQueryException("since (" + since + ") is after until (" + until + ")");
        }
        return new AuditQuery(values.get("namespace"), values.get("name"), values.get("kind"), values.get("rule"),
                decision(values.get("decision")), values.get("user"), since, until, limit(values.get("limit")));
    }

    public boolean matches(AuditRecord record) {
        return (namespace == null || namespace.equals(record.namespace()))
                && (name == null || name.equals(record.name()))
                && (kind == null || kind.equalsIgnoreCase(record.kind()))
                && (rule == null || record.rules().contains(rule))
                && (decision == null || decision == record.decision())
                && (user == null || user.equals(record.user()))
                && (since == null || !record.time().isBefore(since))
                && (until == null || !record.time().isAfter(until));
    }

    /** The same filters with another limit. */
    public AuditQuery withLimit(int newLimit) {
        return new AuditQuery(namespace, name, kind, rule, decision, user, since, until, newLimit);
    }

    private static Verdict decision(String value) throws InvalidQueryException {
        if (value == null) {
            return null;
        }
        List<Verdict> recorded = recordedDecisions();
        return recorded.stream().filter(v -> v.label().equals(value.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new InvalidQueryException("decision must be one of "
                        + recorded.stream().map(Verdict::label).collect(Collectors.joining(", ")) + ", not " + value));
    }

    /** Every decision that makes a record: all but a plain allow. */
    public static List<Verdict> recordedDecisions() {
        return Arrays.stream(Verdict.values()).filter(v -> v != Verdict.ALLOWED).toList();
    }

    private static int limit(String value) throws InvalidQueryException {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidQueryException("limit must be a whole number from 1 to " + MAX_LIMIT + ", not " + value);
    }

    private static Instant time(String value, String name, Instant now) throws InvalidQueryException {
        if (value == null) {
            return null;
        }
        Matcher age = AGE.matcher(value);
        if (age.matches()) {
            long amount = Long.parseLong(age.group(1));
            Duration duration = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return now.minus(duration);
        }
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidQueryException(name + " must be an RFC 3339 time (2026-05-01T12:00:00Z), a date"
                    + " (2026-05-01) or an age (90m, 24h, 7d), not " + value);
        }
    }
}
