package io.cassguard.engine.rules;

import io.cassguard.model.Action;
import io.cassguard.engine.cluster.CassandraVersion;

import java.util.List;
import java.util.Optional;

/**
 * {@code version-downgrade}: Cassandra cannot read the data files and system tables a newer major or minor version
 * wrote. A patch downgrade within a line works, and is only a warning.
 */
public class VersionDowngradeRule extends ChangeRule<NoParameters> {

    public VersionDowngradeRule() {
        super("version-downgrade", Action.Enforce, NoParameters.class);
    }

    @Override
    List<Violation> check(ClusterChange change, NoParameters parameters) {
        return change.perVersionMove(move -> judge(change, move));
    }

    private static List<Violation> judge(ClusterChange change, ClusterChange.VersionMove move) {
        Optional<ClusterChange.VersionChange> versions = ClusterChange.knownVersionChange(move);
        if (versions.isEmpty()) {
            return List.of();
        }
        CassandraVersion was = versions.get().from();
        CassandraVersion now = versions.get().to();
        if (now.compareLine(was) < 0) {
            return List.of(Violation.refuse(change.versionChangeText(move) + " is a downgrade: Cassandra cannot read the data"
                    + " files a newer major or minor version wrote; keep " + was.line() + " (" + was
                    + " or a later patch), or restore a backup taken before the upgrade"));
        }
        if (now.isPatchBelow(was)) {
            return List.of(Violation.warn(change.versionChangeText(move) + " is a patch downgrade; read NEWS.txt of "
                    + was + " before rolling back"));
        }
        return List.of();
    }
}
