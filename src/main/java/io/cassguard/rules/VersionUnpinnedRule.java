package io.cassguard.rules;

import io.cassguard.admission.Operation;
import io.cassguard.guarded.GuardedRequest;
import io.cassguard.guarded.ImageReference;
import io.cassguard.topology.ClusterView;
import io.cassguard.topology.DeclaredVersion;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * {@code version-unpinned}: an image without a version tag ({@code latest}, no tag) lets any restart pull another
 * Cassandra version, behind every version rule's back. A digest or a tag without a version runs a fixed but unknown
 * version: only a warning, as the version rules cannot judge it. Checked when an object is created or its image
 * or {@code serverVersion} changes.
 */
@ApplicationScoped
public class VersionUnpinnedRule extends ChangeRule<NoParameters> {

    public VersionUnpinnedRule() {
        super("version-unpinned", Action.Enforce, NoParameters.class);
    }

    @Override
    public boolean appliesTo(GuardedRequest request) {
        return (request.operation() == Operation.CREATE || request.operation() == Operation.UPDATE)
                && judges(request.kind());
    }

    @Override
    List<Violation> check(Change change, NoParameters parameters) {
        DeclaredVersion now = change.after().version();
        DeclaredVersion was = change.before() == null ? null : change.before().version();
        if (now == null || now.isPinned() || (was != null && !now.differsFrom(was))) {
            return List.of();
        }
        if (now.pin() == DeclaredVersion.Pin.UNKNOWN) {
            return List.of(Violation.warn(now.problem() + "; version rules cannot check it"));
        }
        return List.of(Violation.refuse(now.problem() + ": any restart could pull another Cassandra version; pin a"
                + " version tag, e.g. " + ImageReference.parse(now.image()).repository() + ":" + example(change.before())));
    }

    /** The version the cluster runs now, when known: the tag that changes nothing. */
    private static String example(ClusterView before) {
        return before != null && before.version() != null && before.version().isPinned()
                ? before.version().version().toString() : "<MAJOR.MINOR.PATCH>";
    }
}
