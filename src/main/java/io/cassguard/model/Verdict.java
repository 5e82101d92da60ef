package io.cassguard.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The outcome of one admission request, as the audit record names it (docs/audit.md). */
public enum Verdict {
    ALLOWED, DENIED, WARNED, OVERRIDDEN, AUDITED, EXEMPTED, MUTATED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the answer waits until its audit record is on the storage device (docs/audit.md): a refusal, and the
     * override and exemption that let a change through on the strength of their records. A warning, an audit or a
     * mutation changes nothing its record would have to answer for: its answer does not wait for a disk sync.
     */
    public boolean answerWaitsForRecord() {
        return this == DENIED || letsThroughOnItsRecord();
    }

    /**
     * An override or an exemption: a change goes through that a rule would refuse, on the strength of its audit
     * record alone, so it is allowed only once that record is on disk.
     */
    public boolean letsThroughOnItsRecord() {
        return this == OVERRIDDEN || this == EXEMPTED;
    }
}
