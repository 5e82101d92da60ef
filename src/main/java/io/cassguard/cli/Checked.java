package io.cassguard.cli;

import io.cassguard.engine.decision.Decision;
import io.cassguard.engine.decision.MutationEngine;

import java.util.ArrayList;
import java.util.List;

/**
 * One change as the webhooks would answer it.
 *
 * @param mutation what the mutating webhook would inject; null without {@code --mutations} or for a DELETE
 */
record Checked(ManifestChange change, Decision decision, MutationEngine.Result mutation) {

    Manifest subject() {
        return change.subject();
    }

    boolean refused() {
        return !decision.isAllowed();
    }

    /** What kubectl would show as warnings: the mutating webhook's (with --mutations), then the validating one's. */
    List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (mutation != null) {
            warnings.addAll(Decision.shown(mutation.warnings()));
        }
        warnings.addAll(decision.shownWarnings());
        return warnings;
    }

    /**
     * The name of the validating webhook that answers for the kind: every entry of k8s/webhooks/validating.yaml is
     * named after its resource ({@code cassandraclusters}, {@code cassandradatacenters}, {@code k8ssandraclusters},
     * {@code statefulsets}).
     */
    String webhook() {
        return subject().key().resource() + ".validate.cassguard.io";
    }
}
