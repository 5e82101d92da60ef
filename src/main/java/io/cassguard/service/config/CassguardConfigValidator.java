package io.cassguard.service.config;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidationException.Problem;
import io.smallrye.config.ConfigValidator;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses at start the {@link CassguardConfig} values that nothing could run with, each problem naming its property
 * key: a count below 1 (no record kept in memory, no audit file, no Event queued), a duration of zero or less (a
 * reload or probe loop that spins, a timeout that has always passed), leader election timings in the wrong order
 * (two leaders at once).
 * <p>
 * SmallRye Config runs a mapping's validator while it builds the mapping, so these problems are reported with every
 * other configuration problem (an unknown key, a value that does not convert) in one message, before any bean starts.
 * Quarkus applies this class as a builder customizer listed in {@code META-INF/services}; bean validation annotations
 * would do the same through quarkus-hibernate-validator, a dependency the service would carry for these few lines.
 */
public final class CassguardConfigValidator implements ConfigValidator, SmallRyeConfigBuilderCustomizer {

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        builder.withValidator(this);
    }

    @Override
    public void validateMapping(Class<?> mappingClass, String prefix, Object mapping) {
        if (mapping instanceof CassguardConfig config) {
            List<String> problems = problems(config);
            if (!problems.isEmpty()) {
                throw new ConfigValidationException(problems.stream().map(Problem::new).toArray(Problem[]::new));
            }
        }
    }

    /** What is wrong with {@code config}, one line per setting; empty when nothing is. */
    static List<String> problems(CassguardConfig config) {
        Problems problems = new Problems();
        problems.positive("cassguard.policies.reload-interval", config.policies().reloadInterval());
        problems.atLeastOne("cassguard.admission.max-json-depth", config.admission().maxJsonDepth());
        problems.positive("cassguard.admission.body-timeout", config.admission().bodyTimeout());
        problems.positive("cassguard.watch.discovery-interval", config.watch().discoveryInterval());
        CassguardConfig.Leader leader = config.leader();
        problems.positive("cassguard.leader.retry-period", leader.retryPeriod());
        problems.longer("cassguard.leader.renew-deadline", leader.renewDeadline(),
                "cassguard.leader.retry-period", leader.retryPeriod());
        problems.longer("cassguard.leader.lease-duration", leader.leaseDuration(),
                "cassguard.leader.renew-deadline", leader.renewDeadline());
        problems.positive("cassguard.controller.interval", config.controller().interval());
        problems.positive("cassguard.controller.resync", config.controller().resync());
        problems.atLeastOne("cassguard.report.max-results", config.report().maxResults());
        problems.positive("cassguard.cassandra.refresh-interval", config.cassandra().refreshInterval());
        problems.positive("cassguard.cassandra.max-age", config.cassandra().maxAge());
        CassguardConfig.Audit audit = config.audit();
        problems.atLeastOne("cassguard.audit.max-file-size", audit.maxFileSize().asLongValue());
        problems.atLeastOne("cassguard.audit.max-files", audit.maxFiles());
        problems.atLeastOne("cassguard.audit.recent-records", audit.recentRecords());
        problems.positive("cassguard.audit.probe-interval", audit.probeInterval());
        problems.positive("cassguard.audit.peers.timeout", audit.peers().timeout());
        problems.atLeastOne("cassguard.audit.events.queue-size", audit.events().queueSize());
        return problems.lines;
    }

    private static final class Problems {

        private final List<String> lines = new ArrayList<>();

        void atLeastOne(String key, long value) {
            if (value < 1) {
                lines.add(key + " must be at least 1, not " + value);
            }
        }

        void positive(String key, Duration value) {
            if (value.isNegative() || value.isZero()) {
                lines.add(key + " must be longer than 0, not " + value);
            }
        }

        /** A leader must give up renewing before its lease runs out, and have time to retry before it gives up. */
        void longer(String key, Duration value, String shorterKey, Duration shorter) {
            if (value.compareTo(shorter) <= 0) {
                lines.add(key + " (" + value + ") must be longer than " + shorterKey + " (" + shorter + ")");
            }
        }
    }
}
