package io.cassguard.engine.rules;

import io.cassguard.model.Action;
import io.cassguard.model.Operation;
import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.engine.cluster.ImageReference;
import io.cassguard.engine.cluster.DatacenterView;
import io.cassguard.engine.cluster.DeclaredVersion;

import java.util.List;

/**
 * {@code version-unpinned}: an image without a version tag ({@code latest}, no tag) lets any restart pull another
 * Cassandra version, behind every version rule's back. A digest or a tag without a version runs a fixed but unknown
 * version: only a warning, as the version rules cannot judge it. Checked when an object is created or its image
 * or {@code serverVersion} changes.
 */
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
    List<Violation> check(ClusterChange change, NoParameters parameters) {
        return ClusterChange.perDatacenter(change.after().datacenters(), dc -> judge(dc.version(), change.before() == null
                ? null : change.before().datacenter(dc.name()).map(DatacenterView::version).orElse(null)));
    }

    /** What a datacenter asks for now, and what it asked for before (null when it is new). */
    private static List<Violation> judge(DeclaredVersion now, DeclaredVersion was) {
        if (now == null || (was != null && !now.differsFrom(was))) {
            return List.of();
        }
        // serverVersion does not help here: the image is what runs
        if (now.imageUnpinned()) {
            return List.of(Violation.refuse(now.imageProblem() + ": any restart could pull another Cassandra version;"
                    + " pin a version tag, e.g. " + example(now, was)));
        }
        if (now.pin() == DeclaredVersion.Pin.UNKNOWN) {
            return List.of(Violation.warn(now.problem() + "; version rules cannot check it"));
        }
        return List.of();
    }

    /** The image the object ran before when its tag was a version (it changes nothing), else the version asked for. */
    private static String example(DeclaredVersion now, DeclaredVersion was) {
        if (was != null && was.image() != null && was.isPinned() && was.serverVersion() == null) {
            return was.image();
        }
        String repository = ImageReference.parse(now.image()).repository();
        return repository + ":" + (now.isPinned() ? now.version().toString() : "<MAJOR.MINOR.PATCH>");
    }
}
