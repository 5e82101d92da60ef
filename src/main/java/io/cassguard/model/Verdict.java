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
}
