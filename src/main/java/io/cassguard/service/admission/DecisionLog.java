package io.cassguard.service.admission;

import io.cassguard.engine.decision.Decision;
import io.cassguard.engine.decision.MutationEngine;
import io.cassguard.model.AdmissionRequest;

/**
 * The audit trail as the webhook answers through it: every decision other than a plain allow is recorded, in every
 * sink, before it is answered. A typed call rather than an event, because the answer depends on it: an override or an
 * exemption lets a change through on the strength of its record, and is refused when the record is not on disk.
 */
public interface DecisionLog {

    /**
     * Records a validation. Returns once its record is written, and forced to the storage device when its answer
     * waits for it ({@link io.cassguard.model.Verdict#answerWaitsForRecord}: a refusal, an override, an exemption).
     *
     * @return whether the record is on disk as its decision needs (a plain allow has none, and needs none)
     */
    boolean validated(AdmissionRequest request, Decision decision);

    /** Records a mutation that changed the object: written, not forced (it changes nothing a record answers for). */
    void mutated(AdmissionRequest request, MutationEngine.Result result);
}
