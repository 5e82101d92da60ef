package io.cassguard.service.admission;

import io.cassguard.engine.decision.Decision;
import io.cassguard.model.AdmissionRequest;
import io.cassguard.model.Verdict;

/**
 * Fired synchronously after each validation, before the answer is sent (the audit log observes it). For a plain allow,
 * which nothing records, observers run on the event loop and must not block; for any other decision they run on a
 * worker thread.
 *
 * <p>An override or an exemption lets an unsafe change through, so it is answered as decided only once an observer
 * has {@linkplain #onDisk() put its record on disk} (DESIGN §6); otherwise it is refused with
 * {@code [audit-unavailable]}.
 */
public final class ValidationDecided {

    private final AdmissionRequest request;
    private final Decision decision;
    private volatile boolean onDisk;

    public ValidationDecided(AdmissionRequest request, Decision decision) {
        this.request = request;
        this.decision = decision;
    }

    public AdmissionRequest request() {
        return request;
    }

    public Decision decision() {
        return decision;
    }

    /** Whether the decision lets a change through only on the strength of its audit record. */
    public boolean needsRecord() {
        return decision.verdict() == Verdict.OVERRIDDEN || decision.verdict() == Verdict.EXEMPTED;
    }

    /** Said by the audit log once the record of this decision is on disk. */
    public void onDisk() {
        onDisk = true;
    }

    boolean isOnDisk() {
        return onDisk;
    }
}
