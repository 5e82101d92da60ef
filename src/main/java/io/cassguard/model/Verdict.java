package io.cassguard.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The outcome of one admission request, as the audit record names it (DESIGN §10). */
public enum Verdict {
    ALLOWED, DENIED, WARNED, OVERRIDDEN, AUDITED, EXEMPTED, MUTATED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the answer waits until its audit record is on the storage device (DESIGN §10): a refusal, and the
     * override and exemption that let a change through on the strength of their records. A warning, an audit or a
     * mutation changes nothing its record would have to answer for: its answer does not wait for a disk sync.
     */
    public boolean answerWaitsForRecord() {
        return this == DENIED || this == OVERRIDDEN || this == EXEMPTED;
    }
}
