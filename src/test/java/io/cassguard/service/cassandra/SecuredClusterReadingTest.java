package io.cassguard.service.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.cassguard.engine.live.CassandraReading;
import io.cassguard.engine.live.ReadingStatus;
import io.cassguard.service.cassandra.CassandraTarget.Credentials;
import io.cassguard.service.cassandra.CassandraTarget.Tls;
import io.cassguard.support.RealCassandra;
import io.cassguard.support.UsesRealCassandra;
import io.cassguard.service.tls.DevCertificates;
import io.cassguard.service.tls.TlsFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reader against a Cassandra node set up as in production (RealCassandra.secured(): password authentication,
 * CassandraAuthorizer, TLS required), logging in with the least-privileged role of the README.
 */
@UsesRealCassandra(RealCassandra.NodeName.SECURED)
class SecuredClusterReadingTest {

    private static final Duration SOON = Duration.ofSeconds(30);
    private static final ClusterKey BANK = new ClusterKey("bank", RealCassandra.SECURED_CLUSTER_NAME);
    /** The README's role: it can log in, and nothing is granted to it. */
    private static final String CREATE_ROLE = "CREATE ROLE IF NOT EXISTS cassguard WITH LOGIN = true AND PASSWORD = 'reader-secret'";

    private final CassandraReaders readers = new CassandraReaders(Duration.ofMinutes(5), new SimpleMeterRegistry(),
            Clock.systemUTC());
    private RealCassandra.Node node;

    @BeforeEach
    void node() throws Exception {
        node = RealCassandra.secured();
        await().atMost(SOON).ignoreExceptions().until(() -> {
            try (CqlSession superuser = CqlSession.builder().addContactPoint(node.cql()).withLocalDatacenter("dc1")
                    .withAuthCredentials("cassandra", "cassandra").withSslContext(CqlTls.context(tls())).build()) {
                superuser.execute(CREATE_ROLE);
                return true;
            }
        });
    }

    @AfterEach
    void close() {
        readers.close();
    }

    @AfterAll
    static void stop() {
        // no other test needs it: its memory goes back to the rest of the suite
        RealCassandra.secured().kill();
    }

    @Test
    void theLeastPrivilegedRoleReadsTheClusterOverTls() throws IOException {
        readers.update(Map.of(BANK, target(new Credentials("cassguard", "reader-secret"), Optional.of(tls()))));

        CassandraReading reading = await().atMost(SOON)
                .until(() -> readers.status(BANK).orElseThrow().lastReading(), Optional::isPresent).orElseThrow();

        assertThat(reading.clusterName()).isEqualTo("cassguard-secured");
        assertThat(reading.keyspaces()).extracting(k -> k.name()).contains("system_auth", "system_schema");
        assertThat(reading.nodes()).extracting(n -> n.address() + " " + n.up()).containsExactly("127.0.0.3 true");
    }

    @Test
    void aWrongPasswordIsAnError() throws IOException {
        readers.update(Map.of(BANK, target(new Credentials("cassguard", "wrong"), Optional.of(tls()))));

        ReadingStatus status = await().atMost(SOON)
                .until(() -> readers.status(BANK).orElseThrow(), s -> s.lastError().isPresent());

        assertThat(status.lastError().get().message()).startsWith("no node answered: 127.0.0.3:9042 ")
                .contains("Provided username cassguard and/or password are incorrect");
        assertThat(status.lastReading()).isEmpty();
    }

    @Test
    void withoutTlsTheNodeDoesNotAnswer() {
        readers.update(Map.of(BANK, target(new Credentials("cassguard", "reader-secret"), Optional.empty())));

        ReadingStatus status = await().atMost(SOON)
                .until(() -> readers.status(BANK).orElseThrow(), s -> s.lastError().isPresent());

        assertThat(status.lastError().get().message()).startsWith("no node answered: 127.0.0.3:9042 ");
        assertThat(status.lastReading()).isEmpty();
    }

    @Test
    void aCertificateFromAnotherCaIsNotTrusted() throws Exception {
        Path otherCa = Files.createTempDirectory(Path.of("target"), "other-ca-");
        DevCertificates.ensure(otherCa);
        Tls untrusted = new Tls(Files.readString(otherCa.resolve(TlsFiles.CA)), Optional.empty(),
                Optional.empty());
        readers.update(Map.of(BANK, target(new Credentials("cassguard", "reader-secret"), Optional.of(untrusted))));

        ReadingStatus status = await().atMost(SOON)
                .until(() -> readers.status(BANK).orElseThrow(), s -> s.lastError().isPresent());

        assertThat(status.lastError().get().message()).endsWith("Path does not chain with any of the trust anchors");
    }

    private Tls tls() throws IOException {
        return new Tls(Files.readString(node.tls().resolve(TlsFiles.CA)), Optional.empty(), Optional.empty());
    }

    private CassandraTarget target(Credentials credentials, Optional<Tls> tls) {
        return new CassandraTarget(List.of(node.address()), RealCassandra.SECURED_CLUSTER_NAME, Optional.empty(),
                Optional.of(credentials), tls);
    }
}
