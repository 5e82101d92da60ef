package io.cassguard.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which answers wait for their audit record to reach the disk (docs/audit.md). */
class VerdictTest {

    @ParameterizedTest
    @EnumSource(value = Verdict.class, names = {"DENIED", "OVERRIDDEN", "EXEMPTED"})
    void aRefusalAnOverrideAndAnExemptionAreAnsweredOnceTheirRecordIsOnDisk(Verdict decision) {
        assertThat(decision.answerWaitsForRecord()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Verdict.class, names = {"ALLOWED", "WARNED", "AUDITED", "MUTATED"})
    void aPlainAllowAWarningAnAuditAndAMutationDoNotWaitForTheDisk(Verdict decision) {
        assertThat(decision.answerWaitsForRecord()).isFalse();
    }
}
