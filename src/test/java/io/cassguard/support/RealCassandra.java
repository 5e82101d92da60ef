package io.cassguard.support;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import io.cassguard.service.tls.DevCertificates;
import io.cassguard.service.tls.TlsFiles;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real Apache Cassandra 5.0 node for the tests (docs/live-state.md), from Maven Central artifacts only: the runtime
 * classpath of {@code cassandra-all} resolved by {@code cassandra-test/prepare.sh} into
 * {@code target/cassandra-classpath.txt}, started as {@code CassandraDaemon} in a JVM of its own (cassandra-all stays
 * off the project's classpath). Each node's settings are the {@code cassandra.yaml} this class writes for it.
 * <p>
 * One cluster per test JVM: {@link #dc1()} on 127.0.0.1 (datacenter dc1, the seed) and, for the tests that need two
 * datacenters, {@link #dc2()} on 127.0.0.2 joining it. Both are started on first use and shared by every test class
 * of the run, Quarkus tests included (a Quarkus test loads this class again in its own class loader: the running
 * nodes are found through system properties, which the JVM shares); they are killed when the test JVM exits.
 * Tests share the cluster: each test uses keyspaces of its own name, and a test that stops a node does not restart
 * it ({@link #dc2()} does, for whoever needs it next). {@link #secured()} is a one-node cluster of its own with
 * password authentication, authorization and TLS, for the tests of credentials and certificates.
 * <p>
 * A node takes 10-20 s to start, most of it waiting: the test classes that use one say so with
 * {@link UsesRealCassandra}, and {@link EarlyCassandra} starts those nodes in the background when the run begins,
 * while other tests run. {@link #dc1()}, {@link #dc2()} and {@link #secured()} then wait for a node being started
 * (by any class loader of the JVM: the system property {@code realcassandra.starting.<address>} says so) instead of
 * starting it twice.
 * <p>
 * Without the classpath file, a test that needs Cassandra fails in CI ({@code CI=true}) and is skipped elsewhere,
 * saying how to prepare it.
 */
public final class RealCassandra {

    public static final String CLUSTER_NAME = "cassguard-test";
    public static final String SECURED_CLUSTER_NAME = "cassguard-secured";
    public static final int CQL_PORT = 9042;
    public static final Path CLASSPATH_FILE = Path.of("target/cassandra-classpath.txt");
    /** Fresh node to CQL: 7-21 s on a busy 2-core machine; CI may be slower still. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private static final String SEED = "127.0.0.1";
    /**
     * The system properties through which the test's class loaders share the nodes; outside {@code cassguard.}, whose
     * keys Quarkus checks against the configuration mapping (an unknown one stops every later Quarkus start).
     */
    private static final String PROPERTY_PREFIX = "realcassandra.";

    /** The add-exports/add-opens of Cassandra 5.0's conf/jvm17-server.options (9 exports, 14 opens). */
    private static final List<String> JVM17_MODULE_OPTIONS = List.of(
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED");

    /** The nodes the tests use, for {@link UsesRealCassandra} and {@link #startInBackground}. */
    public enum NodeName {
        DC1, DC2, SECURED;

        Node node() {
            return switch (this) {
                case DC1 -> new Node(SEED, "dc1", "rack1", CLUSTER_NAME, SEED, false);
                case DC2 -> new Node("127.0.0.2", "dc2", "rack1", CLUSTER_NAME, SEED, false);
                case SECURED -> new Node("127.0.0.3", "dc1", "rack1", SECURED_CLUSTER_NAME, "127.0.0.3", true);
            };
        }
    }

    private static CqlSession admin;

    private RealCassandra() {
    }

    /**
     * Runs CQL statements on the cluster as an operator would (through {@link #dc1()}), waiting for schema agreement
     * after DDL.
     */
    public static synchronized void execute(String... statements) {
        for (String statement : statements) {
            admin().execute(SimpleStatement.newInstance(statement).setTimeout(Duration.ofSeconds(30)));
        }
    }

    private static CqlSession admin() {
        if (admin == null || admin.isClosed()) {
            admin = CqlSession.builder().addContactPoint(dc1().cql()).withLocalDatacenter("dc1").build();
            CqlSession opened = admin;
            Runtime.getRuntime().addShutdownHook(new Thread(opened::close, "close-cassandra-admin"));
        }
        return admin;
    }

    /** A started node of a test cluster: where it listens and where its files and log are. */
    public record Node(String address, String datacenter, String rack, String clusterName, String seed,
                       boolean secured) {

        /** Where the node keeps its configuration, data and log. */
        public Path directory() {
            return RealCassandra.directory(address);
        }

        public InetSocketAddress cql() {
            return new InetSocketAddress(address, CQL_PORT);
        }

        public Path log() {
            return directory().resolve("cassandra.out");
        }

        /** A secured node's CA certificate and its own certificate and key (PEM), as a Secret would hold them. */
        public Path tls() {
            return directory().resolve("tls");
        }

        /** The node's process, when it runs. */
        public Optional<ProcessHandle> process() {
            String pid = System.getProperty(pidProperty(address));
            return pid == null ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
        }

        /** Stops the node as Kubernetes does (SIGTERM: Cassandra drains, ~7 s) and waits for it to exit. */
        public void stop() {
            process().ifPresent(p -> {
                p.destroy();
                p.onExit().join();
            });
            System.clearProperty(pidProperty(address));
        }

        /** Kills the node at once (SIGKILL): for the others it is down, as after a crash. */
        public void kill() {
            process().ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().join();
            });
            System.clearProperty(pidProperty(address));
        }
    }

    /** The seed node, 127.0.0.1 in dc1, rack1; started on first use. */
    public static synchronized Node dc1() {
        return running(NodeName.DC1.node());
    }

    /** A second node, 127.0.0.2 in dc2, rack1, in the same cluster as {@link #dc1()}; started (again) when not running. */
    public static synchronized Node dc2() {
        dc1();
        Node node = running(NodeName.DC2.node());
        awaitJoined(node);
        return node;
    }

    /**
     * Until dc1 knows the node (in system.peers_v2, not down): Cassandra refuses a keyspace naming a datacenter it does not know, and the
     * new node accepts CQL a moment before dc1 learns of it.
     */
    private static void awaitJoined(Node node) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (admin().getMetadata().getNodes().values().stream().noneMatch(n -> node.datacenter().equals(n.getDatacenter())
                && n.getState() != NodeState.DOWN)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(node.address() + " accepts CQL but dc1 does not know it within "
                        + START_TIMEOUT);
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /**
     * A node of a cluster of its own ({@link #SECURED_CLUSTER_NAME}) on 127.0.0.3, as a production cluster is set up:
     * {@code PasswordAuthenticator} (superuser cassandra/cassandra), {@code CassandraAuthorizer}, and TLS required on
     * the native port with a certificate signed by the CA in {@link Node#tls()}.
     */
    public static synchronized Node secured() {
        return running(NodeName.SECURED.node());
    }

    /**
     * Starts the nodes that do not run, one after the other, on a thread of their own, and returns at once: for tests
     * that come later. dc2 needs dc1, its seed: name dc1 first.
     */
    public static void startInBackground(List<NodeName> names) {
        if (!Files.isRegularFile(CLASSPATH_FILE)) {
            return; // the tests say what is missing
        }
        List<Node> nodes = names.stream().map(NodeName::node)
                .filter(node -> node.process().isEmpty() && System.getProperty(startingProperty(node.address())) == null)
                .toList();
        if (nodes.isEmpty()) {
            return;
        }
        nodes.forEach(node -> System.setProperty(startingProperty(node.address()), "true"));
        Thread starter = new Thread(() -> {
            for (Node node : nodes) {
                try {
                    start(node);
                } catch (RuntimeException e) {
                    // the test that asks for the node starts it again and fails with the reason
                    System.out.println("RealCassandra: the background start of " + node.address() + " failed: " + e);
                } finally {
                    System.clearProperty(startingProperty(node.address()));
                }
            }
        }, "start-cassandra-in-background");
        starter.setDaemon(true);
        starter.start();
    }

    private static Node running(Node node) {
        awaitBackgroundStart(node);
        if (node.process().isEmpty()) {
            start(node);
        }
        return node;
    }

    /** Until a background start of the node has ended: with the node accepting CQL, or failed (then it is not running). */
    private static void awaitBackgroundStart(Node node) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos() * NodeName.values().length;
        while (System.getProperty(startingProperty(node.address())) != null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the background start of " + node.address() + " did not end");
            }
            sleep(Duration.ofMillis(250));
        }
    }

    private static void start(Node node) {
        List<String> classpath = classpath();
        killOrphan(node);
        if (accepts(node)) {
            throw new IllegalStateException("something else already listens on " + node.address() + ":" + CQL_PORT
                    + " (another test run?): the test Cassandra cannot start there");
        }
        try {
            boolean restart = Files.exists(node.directory().resolve("cassandra.yaml"));
            Files.createDirectories(node.directory());
            writeConfiguration(node);
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command(node, classpath))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(node.log().toFile()))
                    .start();
            System.setProperty(pidProperty(node.address()), Long.toString(process.pid()));
            Files.writeString(orphanFile(node), Long.toString(process.pid()));
            ProcessHandle handle = process.toHandle();
            Runtime.getRuntime().addShutdownHook(new Thread(handle::destroyForcibly, "kill-cassandra-" + node.address()));
            awaitCql(node, handle);
            System.out.printf("RealCassandra: %s %s (%s) accepts CQL after %.1f s, pid %d, log %s%n",
                    restart ? "restarted" : "started", node.address(), node.datacenter(),
                    (System.nanoTime() - started) / 1e9, process.pid(), node.log());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Cassandra on " + node.address(), e);
        }
    }

    /**
     * The jars of cassandra-all, or a skipped test (a failed one in CI) when {@code cassandra-test/prepare.sh} has
     * not been run.
     */
    static List<String> classpath() {
        if (!Files.isRegularFile(CLASSPATH_FILE)) {
            String message = "this test needs a real Cassandra node: " + CLASSPATH_FILE.toAbsolutePath()
                    + " is missing; run cassandra-test/prepare.sh (bin/test does)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message);
            }
            System.out.println("RealCassandra: skipped: " + message);
            Assumptions.abort(message);
        }
        try {
            return List.of(Files.readString(CLASSPATH_FILE).strip().split(":"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> command(Node node, List<String> classpath) {
        Path dir = node.directory().toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx256m", "-Xmn64m", "-XX:MaxDirectMemorySize=128m", "-Xss256k",
                "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=64m", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.net.preferIPv4Stack=true", "-Djdk.attach.allowAttachSelf=true",
                "-Dio.netty.tryReflectionSetAccessible=true"));
        command.addAll(JVM17_MODULE_OPTIONS);
        command.addAll(List.of(
                "-Dcassandra.config=" + dir.resolve("cassandra.yaml").toUri(),
                "-Dcassandra-rackdc.properties=" + dir.resolve("cassandra-rackdc.properties").toUri(),
                "-Dlogback.configurationFile=" + dir.resolve("logback.xml").toUri(),
                "-Dcassandra.logdir=" + dir.resolve("logs"),
                "-Dcassandra.storagedir=" + dir.resolve("data"),
                // without it the daemon closes stdout and stderr
                "-Dcassandra-foreground=yes",
                "-Dcassandra.available_processors=2",
                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                "-Dcassandra.ring_delay_ms=1000",
                "-Dcassandra.load_ring_state=false",
                // the default superuser at once, not after 10 s
                "-Dcassandra.superuser_setup_delay_ms=0",
                "-cp", String.join(":", classpath),
                "org.apache.cassandra.service.CassandraDaemon"));
        return command;
    }

    private static void writeConfiguration(Node node) throws IOException {
        Path dir = node.directory().toAbsolutePath();
        String security = """
                authenticator: AllowAllAuthenticator
                authorizer: AllowAllAuthorizer
                """;
        if (node.secured()) {
            try {
                DevCertificates.ensure(node.tls());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot make the secured node's certificates", e);
            }
            Path keystore = node.tls().toAbsolutePath().resolve("node.pem");
            Files.writeString(keystore, Files.readString(node.tls().resolve(TlsFiles.KEY))
                    + Files.readString(node.tls().resolve(TlsFiles.CERTIFICATE)));
            security = """
                    authenticator: PasswordAuthenticator
                    authorizer: CassandraAuthorizer
                    role_manager: CassandraRoleManager
                    client_encryption_options:
                      enabled: true
                      optional: false
                      ssl_context_factory:
                        class_name: org.apache.cassandra.security.PEMBasedSslContextFactory
                      keystore: %s
                      require_client_auth: false
                    """.formatted(keystore);
        }
        Files.writeString(dir.resolve("cassandra.yaml"), """
                cluster_name: '%s'
                num_tokens: 16
                allocate_tokens_for_local_replication_factor: 1
                partitioner: org.apache.cassandra.dht.Murmur3Partitioner
                endpoint_snitch: GossipingPropertyFileSnitch
                seed_provider:
                  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
                    parameters:
                      - seeds: "%s:7000"
                listen_address: %s
                rpc_address: %s
                storage_port: 7000
                native_transport_port: %d
                start_native_transport: true
                auto_bootstrap: false
                data_file_directories:
                  - %s/data/data
                commitlog_directory: %s/data/commitlog
                saved_caches_directory: %s/data/saved_caches
                hints_directory: %s/data/hints
                cdc_raw_directory: %s/data/cdc_raw
                commitlog_sync: periodic
                commitlog_sync_period: 10000ms
                file_cache_size: 16MiB
                key_cache_size: 0MiB
                counter_cache_size: 0MiB
                memtable_heap_space: 64MiB
                memtable_offheap_space: 64MiB
                concurrent_reads: 4
                concurrent_writes: 4
                concurrent_counter_writes: 4
                concurrent_compactors: 1
                """.formatted(node.clusterName(), node.seed(), node.address(), node.address(), CQL_PORT,
                dir, dir, dir, dir, dir) + security);
        Files.writeString(dir.resolve("cassandra-rackdc.properties"),
                "dc=" + node.datacenter() + "\nrack=" + node.rack() + "\n");
        Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="STDOUT"/></root>
                </configuration>
                """);
    }

    private static void awaitCql(Node node, ProcessHandle process) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Cassandra on " + node.address() + " exited before accepting CQL; its log"
                        + " ends with:\n" + tail(node.log()));
            }
            if (accepts(node)) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        process.destroyForcibly();
        throw new IllegalStateException("Cassandra on " + node.address() + " did not accept CQL within " + START_TIMEOUT
                + "; its log ends with:\n" + tail(node.log()));
    }

    private static boolean accepts(Node node) {
        try (Socket socket = new Socket()) {
            socket.connect(node.cql(), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A node of an earlier test JVM that was killed before its shutdown hooks ran still holds the ports: it is
     * recognised by the pid it left in target/ and its command line, and killed.
     */
    private static void killOrphan(Node node) {
        Path file = orphanFile(node);
        try {
            if (Files.exists(file)) {
                ProcessHandle.of(Long.parseLong(Files.readString(file).strip()))
                        .filter(p -> p.info().commandLine().orElse("").contains("CassandraDaemon"))
                        .ifPresent(p -> {
                            System.out.println("RealCassandra: killing node " + p.pid() + " left by an earlier test run");
                            p.destroyForcibly();
                            p.onExit().join();
                        });
                Files.delete(file);
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static Path orphanFile(Node node) {
        return Path.of("target", "cassandra-" + node.address() + ".pid");
    }

    /** Where a node keeps its configuration, data and log: one directory per address, new for each test JVM. */
    private static Path directory(String address) {
        String property = PROPERTY_PREFIX + "dir";
        String base = System.getProperty(property);
        if (base == null) {
            try {
                Path target = Path.of("target").toAbsolutePath();
                Files.createDirectories(target);
                Path created = Files.createTempDirectory(target, "cassandra-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(created), "delete-cassandra-data"));
                base = created.toString();
                System.setProperty(property, base);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Path.of(base, address);
    }

    private static String pidProperty(String address) {
        return PROPERTY_PREFIX + "pid." + address;
    }

    private static String startingProperty(String address) {
        return PROPERTY_PREFIX + "starting." + address;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path directory) {
        // the nodes are killed by their own hooks, which may still run: give them a moment
        sleep(Duration.ofMillis(500));
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a test JVM exits: what remains is under target/
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Cassandra", e);
        }
    }
}
