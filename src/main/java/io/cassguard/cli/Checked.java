package io.cassguard.cli;

import io.cassguard.engine.decision.Decision;
import io.cassguard.engine.decision.MutationEngine;

/**
 * One change as the webhooks would answer it.
 *
 * @param mutation what the mutating webhook would inject; null without {@code --mutations} or for a DELETE
 */
record Checked(Change change, Decision decision, MutationEngine.Result mutation) {

    Manifest subject() {
        return change.subject();
    }

    boolean refused() {
        return !decision.isAllowed();
    }

    /** The name of the validating webhook that answers for the kind (k8s/webhooks/validating.yaml). */
    String webhook() {
        return subject().key().resource() + ".validate.cassguard.io";
    }
}
