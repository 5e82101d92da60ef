package io.cassguard.engine.rules;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The parameters of a rule or mutation that takes none besides its action or {@code enabled}. */
@RegisterForReflection
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class NoParameters {
}
