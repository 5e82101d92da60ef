package io.cassguard.service.config;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Settings nothing could run with stop the start, each named by its key. The configuration is built as Quarkus
 * builds it: with the converters and the builder customizers the class path lists, so that the validator is found
 * through its {@code META-INF/services} entry, not handed over by the test.
 */
class CassguardConfigValidatorTest {

    @Test
    void theDefaultsAreValid() {
        CassguardConfig config = build(Map.of()).getConfigMapping(CassguardConfig.class);

        assertThat(config.audit().recentRecords()).isEqualTo(1000);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            cassguard.policies.reload-interval | 0s    | cassguard.policies.reload-interval must be longer than 0, not PT0S
            cassguard.admission.max-json-depth | 0     | cassguard.admission.max-json-depth must be at least 1, not 0
            cassguard.admission.body-timeout   | -10s  | cassguard.admission.body-timeout must be longer than 0, not PT-10S
            cassguard.watch.discovery-interval | 0s    | cassguard.watch.discovery-interval must be longer than 0, not PT0S
            cassguard.controller.interval      | 0s    | cassguard.controller.interval must be longer than 0, not PT0S
            cassguard.controller.resync        | -1m   | cassguard.controller.resync must be longer than 0, not PT-1M
            cassguard.report.max-results       | 0     | cassguard.report.max-results must be at least 1, not 0
            cassguard.cassandra.refresh-interval | 0s  | cassguard.cassandra.refresh-interval must be longer than 0, not PT0S
            cassguard.cassandra.max-age        | 0s    | cassguard.cassandra.max-age must be longer than 0, not PT0S
            cassguard.audit.max-file-size      | 0     | cassguard.audit.max-file-size must be at least 1, not 0
            cassguard.audit.max-files          | 0     | cassguard.audit.max-files must be at least 1, not 0
            cassguard.audit.recent-records     | 0     | cassguard.audit.recent-records must be at least 1, not 0
            cassguard.audit.probe-interval     | 0s    | cassguard.audit.probe-interval must be longer than 0, not PT0S
            cassguard.audit.peers.timeout      | -2s   | cassguard.audit.peers.timeout must be longer than 0, not PT-2S
            cassguard.audit.events.queue-size  | -1    | cassguard.audit.events.queue-size must be at least 1, not -1
            """)
    void anImpossibleValueIsRefusedWithItsKey(String key, String value, String problem) {
        assertThat(problems(Map.of(key, value))).containsExactly(problem);
    }

    @Test
    void aLeaderGivesUpRenewingBeforeItsLeaseRunsOutAndRetriesWithinTheDeadline() {
        assertThat(problems(Map.of("cassguard.leader.renew-deadline", "15s", "cassguard.leader.retry-period", "15s")))
                .containsExactly(
                        "cassguard.leader.renew-deadline (PT15S) must be longer than cassguard.leader.retry-period (PT15S)",
                        "cassguard.leader.lease-duration (PT15S) must be longer than cassguard.leader.renew-deadline (PT15S)");
        assertThat(problems(Map.of("cassguard.leader.retry-period", "0s")))
                .containsExactly("cassguard.leader.retry-period must be longer than 0, not PT0S");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(problems(Map.of("cassguard.audit.max-files", "0", "cassguard.audit.recent-records", "0")))
                .containsExactly("cassguard.audit.max-files must be at least 1, not 0",
                        "cassguard.audit.recent-records must be at least 1, not 0");
    }

    private static List<String> problems(Map<String, String> values) {
        ConfigValidationException refused = catchThrowableOfType(() -> build(values), ConfigValidationException.class);
        assertThat(refused).as("the configuration is refused").isNotNull();
        return IntStream.range(0, refused.getProblemCount()).mapToObj(i -> refused.getProblem(i).getMessage()).toList();
    }

    private static SmallRyeConfig build(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .addDiscoveredConverters()
                .addDiscoveredCustomizers()
                .withMapping(CassguardConfig.class)
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .build();
    }
}
