package io.cassguard.engine.rules;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

/** The parameters of a rule or mutation that takes none besides its action or {@code enabled}. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class NoParameters {
}
