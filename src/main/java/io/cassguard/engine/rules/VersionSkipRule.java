package io.cassguard.engine.rules;

import io.cassguard.model.Action;
import io.cassguard.model.SelfValidating;
import io.cassguard.model.FieldError;
import io.cassguard.engine.cluster.CassandraVersion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code version-skip}: an upgrade must follow a supported path (Cassandra's NEWS.txt: 4.0 needs 3.0.13+ or
 * 3.11.0+, no 2.x to 4.0; 5.0 from 4.0 or 4.1). Patch upgrades within a line are always allowed. The paths are
 * Apache Cassandra's: a cluster whose {@code serverType} is {@code dse} or {@code hcd} is judged by
 * {@code version-downgrade} only.
 */
public class VersionSkipRule extends ChangeRule<VersionSkipRule.Parameters> {

    private static final String LINE = "\\d+\\.\\d+";

    public static class Parameters implements SelfValidating {
        /** From each release line, the lines it may be upgraded to directly (docs/rules.md). */
        public Map<String, List<String>> paths = defaultPaths();

        private static Map<String, List<String>> defaultPaths() {
            Map<String, List<String>> paths = new LinkedHashMap<>();
            paths.put("2.2", List.of("3.0", "3.11"));
            paths.put("3.0", List.of("3.11", "4.0", "4.1"));
            paths.put("3.11", List.of("4.0", "4.1"));
            paths.put("4.0", List.of("4.1", "5.0"));
            paths.put("4.1", List.of("5.0"));
            return paths;
        }

        @Override
        public List<FieldError> problems() {
            if (paths == null) {
                return List.of(new FieldError("paths", "must be a map from release line to release lines"));
            }
            List<FieldError> problems = new ArrayList<>();
            paths.forEach((from, targets) -> {
                String path = "paths[\"" + from + "\"]";
                Optional<CassandraVersion> source = line(from);
                if (source.isEmpty()) {
                    problems.add(new FieldError(path, "must be a release line MAJOR.MINOR, e.g. 4.1"));
                    return;
                }
                if (targets == null) {
                    problems.add(new FieldError(path, "must be a list of release lines"));
                    return;
                }
                for (int i = 0; i < targets.size(); i++) {
                    Optional<CassandraVersion> target = line(targets.get(i));
                    if (target.isEmpty() || target.get().compareLine(source.get()) <= 0) {
                        problems.add(new FieldError(path + "[" + i + "]",
                                "must be a release line MAJOR.MINOR above " + from));
                    }
                }
            });
            return problems;
        }

        private static Optional<CassandraVersion> line(String text) {
            return text != null && text.matches(LINE) ? CassandraVersion.find(text) : Optional.empty();
        }
    }

    public VersionSkipRule() {
        super("version-skip", Action.Enforce, Parameters.class);
    }

    @Override
    List<Violation> check(ClusterChange change, Parameters parameters) {
        if (!change.after().isApacheCassandra()) {
            return List.of();
        }
        return change.perVersionMove(move -> judge(change, move, parameters));
    }

    private static List<Violation> judge(ClusterChange change, ClusterChange.VersionMove move, Parameters parameters) {
        Optional<ClusterChange.VersionChange> versions = ClusterChange.knownVersionChange(move);
        if (versions.isEmpty()) {
            return List.of();
        }
        CassandraVersion was = versions.get().from();
        CassandraVersion now = versions.get().to();
        List<String> supported = parameters.paths.getOrDefault(was.line(), List.of());
        if (now.compareLine(was) <= 0 || supported.contains(now.line())) {
            return List.of();
        }
        if (supported.isEmpty()) {
            return List.of(Violation.refuse(change.versionChangeText(move) + " is not a supported upgrade: no supported path"
                    + " starts from " + was.line() + "; check Cassandra's NEWS.txt of " + now.line() + " and, if it supports"
                    + " the upgrade, add it to the policy's versionSkip.paths"));
        }
        List<String> via = supported.stream()
                .filter(step -> parameters.paths.getOrDefault(step, List.of()).contains(now.line()))
                .toList();
        String next = via.isEmpty()
                ? "upgrade one supported step at a time, waiting until " + change.after().terms().settledWhen() + " after each"
                : "upgrade to " + String.join(" or ", via) + " first, wait until " + change.after().terms().settledWhen()
                + ", then to " + now.line();
        return List.of(Violation.refuse(change.versionChangeText(move) + " skips a supported upgrade path (from " + was.line()
                + ": " + String.join(", ", supported) + "); " + next));
    }
}
