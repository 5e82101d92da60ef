package io.cassguard.service.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeStateListenerBase;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.SchemaChangeListenerBase;
import com.datastax.oss.driver.internal.core.config.typesafe.DefaultDriverConfigLoader;
import com.datastax.oss.driver.internal.core.config.typesafe.DefaultProgrammaticDriverConfigLoaderBuilder;
import com.typesafe.config.ConfigFactory;
import io.cassguard.engine.live.CassandraReading;
import io.cassguard.engine.live.ReadingStatus;
import io.cassguard.engine.live.ReadingStatus.ReadError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jboss.logging.Logger;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Reads one Cassandra cluster in the background (docs/live-state.md) and keeps the last good reading, the last error and its
 * time. A reading is taken when the session opens, on the driver's schema and node events (after a second's quiet),
 * and at least every refresh interval.
 * <p>
 * Unreachable, it tries again with back-off (1 s, doubling, at most the refresh interval): one attempt at a time on
 * the registry's single scheduler thread, on driver threads shared by all readers, no thread per attempt; the error
 * is logged when it changes, not at each attempt. Once open, the session stays open and the driver reconnects by
 * itself; after {@link #REOPEN_AFTER_FAILURES} failed readings in a row it is opened again from the contact points
 * (pods of a StatefulSet come back with new addresses). Contact points that answer with another
 * {@code cluster_name} are an error: the session is closed at once and its reading never kept.
 * <p>
 * All state changes run on the scheduler thread; {@link #status()} may be called from any thread.
 */
public final class CassandraReader {

    static final Duration EVENT_QUIET = Duration.ofSeconds(1);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final int REOPEN_AFTER_FAILURES = 3;

    private static final Logger LOG = Logger.getLogger(CassandraReader.class);

    private final ClusterKey key;
    private final CassandraTarget target;
    private final Duration refreshInterval;
    private final ScheduledExecutorService scheduler;
    private final SharedNetty netty;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Instant started;
    private final Counter errors;
    private final List<Meter> registered;

    private volatile ReadingStatus status = new ReadingStatus(Optional.empty(), Optional.empty(), false);

    // scheduler thread only
    private CqlSession session;
    private ScheduledFuture<?> next;
    private boolean busy;
    private boolean readAgain;
    private boolean closed;
    private int failures;

    CassandraReader(ClusterKey key, CassandraTarget target, Duration refreshInterval, ScheduledExecutorService scheduler,
                    SharedNetty netty, Clock clock, MeterRegistry meters) {
        this.key = key;
        this.target = target;
        this.refreshInterval = refreshInterval;
        this.scheduler = scheduler;
        this.netty = netty;
        this.clock = clock;
        this.meters = meters;
        this.started = clock.instant();
        Tags tags = Tags.of("namespace", key.namespace(), "cluster", key.cluster());
        this.errors = Counter.builder("cassguard.cassandra.read.errors")
                .description("Failed attempts to read a Cassandra cluster over CQL").tags(tags).register(meters);
        this.registered = List.of(errors,
                Gauge.builder("cassguard.cassandra.reading.age", this, CassandraReader::ageSeconds).baseUnit("seconds")
                        .description("Seconds since the last good reading of a Cassandra cluster (since the reader"
                                + " started, before the first)").tags(tags).register(meters),
                Gauge.builder("cassguard.cassandra.connected", this, r -> r.status.connected() ? 1 : 0)
                        .description("1 when the last attempt to read the Cassandra cluster succeeded").tags(tags)
                        .register(meters));
    }

    public ClusterKey key() {
        return key;
    }

    public CassandraTarget target() {
        return target;
    }

    /** The last good reading, the last error and whether the last attempt succeeded. */
    public ReadingStatus status() {
        return status;
    }

    void start() {
        scheduler.execute(this::attempt);
    }

    /** Stops reading and closes the session; the meters of this cluster go away. */
    CompletionStage<Void> close() {
        // at once: a reader opened next for the same cluster registers meters of the same name
        registered.forEach(meters::remove);
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            closed = true;
            cancelNext();
            closeSession().whenComplete((ignored, error) -> done.complete(null));
        });
        return done;
    }

    private void attempt() {
        next = null;
        if (closed || busy) {
            return;
        }
        busy = true;
        readAgain = false;
        if (session != null) {
            read();
            return;
        }
        connect().whenCompleteAsync((opened, error) -> {
            if (error != null) {
                finished(null, error);
            } else if (closed) {
                busy = false;
                opened.closeAsync();
            } else {
                session = opened;
                read();
            }
        }, scheduler);
    }

    private void read() {
        CqlReads.read(session, target.clusterName(), clock).whenCompleteAsync(this::finished, scheduler);
    }

    private void finished(CassandraReading reading, Throwable error) {
        busy = false;
        if (closed) {
            return;
        }
        if (error == null) {
            if (!status.connected()) {
                LOG.infof("Cassandra cluster %s: read (%d keyspaces, %d nodes)", key, reading.keyspaces().size(),
                        reading.nodes().size());
            }
            failures = 0;
            status = new ReadingStatus(Optional.of(reading), Optional.empty(), true);
            schedule(readAgain ? EVENT_QUIET : refreshInterval);
            return;
        }
        Throwable cause = unwrap(error);
        failures++;
        errors.increment();
        String message = describe(cause);
        if (!status.lastError().map(e -> e.message().equals(message)).orElse(false)) {
            LOG.warnf("Cassandra cluster %s cannot be read: %s (trying again with back-off, at most every %d s)",
                    key, message, refreshInterval.toSeconds());
        }
        status = new ReadingStatus(status.lastReading(), Optional.of(new ReadError(clock.instant(), message)), false);
        if (cause instanceof CqlReads.WrongClusterException || failures >= REOPEN_AFTER_FAILURES) {
            closeSession();
        }
        schedule(backOff());
    }

    /** A schema or node event: read again after a second's quiet, unless a reading is due sooner. */
    private void changed() {
        scheduler.execute(() -> {
            if (closed) {
                return;
            }
            if (busy) {
                readAgain = true;
            } else if (next == null || next.getDelay(TimeUnit.MILLISECONDS) > EVENT_QUIET.toMillis()) {
                schedule(EVENT_QUIET);
            }
        });
    }

    private void schedule(Duration delay) {
        cancelNext();
        next = scheduler.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelNext() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    private Duration backOff() {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 20));
        return delay.compareTo(refreshInterval) > 0 ? refreshInterval : delay;
    }

    private CompletionStage<Void> closeSession() {
        CqlSession closing = session;
        session = null;
        return closing == null ? CompletableFuture.completedFuture(null) : closing.closeAsync();
    }

    private double ageSeconds() {
        Instant since = status.lastReading().map(CassandraReading::readAt).orElse(started);
        return Duration.between(since, clock.instant()).toMillis() / 1000.0;
    }

    private CompletionStage<CqlSession> connect() {
        try {
            ReaderSessionBuilder builder = new ReaderSessionBuilder(netty)
                    .withConfigLoader(driverConfig())
                    .addContactPoints(target.contactPoints().stream().map(CassandraReader::contactPoint).toList())
                    .addSchemaChangeListener(new SchemaChangeListenerBase() {
                        @Override
                        public void onKeyspaceCreated(KeyspaceMetadata keyspace) {
                            changed();
                        }

                        @Override
                        public void onKeyspaceDropped(KeyspaceMetadata keyspace) {
                            changed();
                        }

                        @Override
                        public void onKeyspaceUpdated(KeyspaceMetadata current, KeyspaceMetadata previous) {
                            changed();
                        }
                    })
                    .addNodeStateListener(new NodeStateListenerBase() {
                        @Override
                        public void onAdd(Node node) {
                            changed();
                        }

                        @Override
                        public void onUp(Node node) {
                            changed();
                        }

                        @Override
                        public void onDown(Node node) {
                            changed();
                        }

                        @Override
                        public void onRemove(Node node) {
                            changed();
                        }
                    });
            target.localDatacenter().ifPresent(builder::withLocalDatacenter);
            target.credentials().ifPresent(c -> builder.withAuthCredentials(c.username(), c.password()));
            if (target.tls().isPresent()) {
                builder.withSslContext(CqlTls.context(target.tls().get()));
            }
            return builder.buildAsync();
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The driver's settings: its own reference.conf and nothing else from the class path (the service's
     * application.properties is not driver configuration).
     */
    private DriverConfigLoader driverConfig() {
        ProgrammaticDriverConfigLoaderBuilder config = new DefaultProgrammaticDriverConfigLoaderBuilder(
                () -> ConfigFactory.defaultReference(CqlSession.class.getClassLoader()),
                DefaultDriverConfigLoader.DEFAULT_ROOT_PATH)
                .withString(DefaultDriverOption.SESSION_NAME, "cassandra-" + key)
                .withDuration(DefaultDriverOption.CONFIG_RELOAD_INTERVAL, Duration.ZERO)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
                // every node is read, not only one datacenter's: a pool to each tells whether it is up
                .withString(DefaultDriverOption.LOAD_BALANCING_POLICY_CLASS, "BasicLoadBalancingPolicy")
                .withInt(DefaultDriverOption.LOAD_BALANCING_DC_FAILOVER_MAX_NODES_PER_REMOTE_DC, Integer.MAX_VALUE)
                // host names (a Service) are resolved at each connection, not once
                .withBoolean(DefaultDriverOption.RESOLVE_CONTACT_POINTS, false)
                .withBoolean(DefaultDriverOption.CONNECTION_WARN_INIT_ERROR, false)
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, FIRST_RETRY)
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, refreshInterval)
                .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
                .withString(DefaultDriverOption.METRICS_FACTORY_CLASS, "NoopMetricsFactory")
                // no native clock: jnr-posix is left out
                .withBoolean(DefaultDriverOption.TIMESTAMP_GENERATOR_FORCE_JAVA_CLOCK, true);
        return config.build();
    }

    /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}; not resolved here. */
    static InetSocketAddress contactPoint(String hostAndPort) {
        String host = hostAndPort;
        String port = "";
        if (hostAndPort.startsWith("[") && hostAndPort.contains("]")) {
            host = hostAndPort.substring(1, hostAndPort.indexOf(']'));
            port = hostAndPort.substring(hostAndPort.indexOf(']') + 1).replaceFirst("^:", "");
        } else if (hostAndPort.indexOf(':') > 0 && hostAndPort.indexOf(':') == hostAndPort.lastIndexOf(':')) {
            host = hostAndPort.substring(0, hostAndPort.indexOf(':'));
            port = hostAndPort.substring(hostAndPort.indexOf(':') + 1);
        }
        try {
            return InetSocketAddress.createUnresolved(host, port.isEmpty() ? CassandraTarget.DEFAULT_PORT
                    : Integer.parseInt(port));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("contact point '" + hostAndPort + "' is not host:port", e);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** An error in words for {@code /clusters}: per node tried, the most specific message. */
    static String describe(Throwable error) {
        if (error instanceof AllNodesFailedException all && !all.getAllErrors().isEmpty()) {
            return "no node answered: " + all.getAllErrors().entrySet().stream()
                    .map(e -> endPoint(e.getKey()) + " " + e.getValue().stream().map(CassandraReader::reason)
                            .distinct().collect(Collectors.joining("; ")))
                    .collect(Collectors.joining(", "));
        }
        return reason(error);
    }

    private static String endPoint(Node node) {
        SocketAddress address = node.getEndPoint().resolve();
        return address instanceof InetSocketAddress inet ? inet.getHostString() + ":" + inet.getPort() : address.toString();
    }

    /**
     * The most specific message: a connection refused is a suppressed exception of the driver's own, whose cause has
     * no message.
     */
    private static String reason(Throwable error) {
        String reason = specific(error);
        return reason == null ? error.getClass().getSimpleName() : reason;
    }

    private static String specific(Throwable error) {
        for (Throwable suppressed : error.getSuppressed()) {
            String reason = specific(suppressed);
            if (reason != null) {
                return reason;
            }
        }
        String inner = error.getCause() == null || error.getCause() == error ? null : specific(error.getCause());
        return inner != null ? inner : error.getMessage();
    }

    @Override
    public String toString() {
        return "CassandraReader[" + key + " " + target.contactPoints() + "]";
    }
}
