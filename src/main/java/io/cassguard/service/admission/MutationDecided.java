package io.cassguard.service.admission;

import io.cassguard.model.AdmissionRequest;
import io.cassguard.engine.decision.MutationEngine;

/**
 * Fired synchronously after each mutation, before the answer is sent (the audit log observes it). For a plain allow,
 * which nothing records, observers run on the event loop and must not block; for any other decision they run on a
 * worker thread.
 */
public record MutationDecided(AdmissionRequest request, MutationEngine.Result result) {
}
