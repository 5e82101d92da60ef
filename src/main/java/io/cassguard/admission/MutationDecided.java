package io.cassguard.admission;

import io.cassguard.mutations.MutationEngine;

/** Fired synchronously after each mutation, before the answer is sent. */
public record MutationDecided(AdmissionRequest request, MutationEngine.Result result) {
}
