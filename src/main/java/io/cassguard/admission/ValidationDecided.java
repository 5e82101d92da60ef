package io.cassguard.admission;

import io.cassguard.rules.Decision;

/** Fired synchronously after each validation, before the answer is sent (the audit log observes it). */
public record ValidationDecided(AdmissionRequest request, Decision decision) {
}
