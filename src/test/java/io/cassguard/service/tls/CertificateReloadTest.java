package io.cassguard.service.tls;

import io.cassguard.service.tls.ServingKeyPair;
import io.cassguard.support.Admission;
import io.cassguard.support.CapturedLog;
import io.cassguard.support.TestEnvironment;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * cert-manager renews the serving certificate in the mounted Secret; the HTTPS listener serves the new one without a
 * restart. quarkus.tls.webhook.reload-period makes the TLS registry re-read the files (every minute in production,
 * every 2 s in tests) through ServingKeyPair, which hands the listener a new certificate only with its own key.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CertificateReloadTest {

    private static final Duration RELOAD_PERIOD = Duration.ofSeconds(2);

    @Inject
    ServingCertificateLog certificateLog;

    @Test
    @Order(1)
    void periodicReloadsOfAnUnchangedCertificateNeverDropAConnection() throws Exception {
        long end = System.nanoTime() + RELOAD_PERIOD.multipliedBy(3).toNanos();
        int handshakes = 0;
        while (System.nanoTime() < end) {
            served(); // throws if the listener drops the handshake
            handshakes++;
        }
        assertThat(handshakes).isPositive();
    }

    @Test
    @Order(2)
    void aRenewedServingCertificateIsServedWithoutARestart() throws Exception {
        X509Certificate before = served();

        DevCertificates.renewServingCertificate(TestEnvironment.CERTS);
        X509Certificate renewed = certificateFile();
        assertThat(renewed.getSerialNumber()).isNotEqualTo(before.getSerialNumber());

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(served().getSerialNumber()).isEqualTo(renewed.getSerialNumber()));
        await().atMost(RELOAD_PERIOD.multipliedBy(3)).untilAsserted(() ->
                assertThat(certificateLog.served()).contains("serial " + renewed.getSerialNumber().toString(16)));
        // and admission goes on over the new certificate
        assertThat(Admission.validate("reviews/statefulset-delete-unprotected.yaml").path("allowed").asBoolean(true)).isFalse();
    }

    @Test
    @Order(3)
    void aCertificateWrittenBeforeItsKeyIsServedOnlyOnceTheKeyFollows() throws Exception {
        X509Certificate before = served();
        Path next = Files.createTempDirectory(TestEnvironment.CERTS.getParent(), "next-serving-pair");
        Files.copy(TestEnvironment.CERTS.resolve(TlsFiles.CA), next.resolve(TlsFiles.CA));
        Files.copy(TestEnvironment.CERTS.resolve(DevCertificates.CA_KEY), next.resolve(DevCertificates.CA_KEY));
        DevCertificates.renewServingCertificate(next);
        X509Certificate renewed = certificate(next.resolve(TlsFiles.CERTIFICATE));

        List<Exception> failures = new CopyOnWriteArrayList<>();
        AtomicInteger handshakes = new AtomicInteger();
        AtomicBoolean rotating = new AtomicBoolean(true);
        Thread client = new Thread(() -> {
            while (rotating.get()) {
                try {
                    served();
                    handshakes.incrementAndGet();
                    Thread.sleep(20);
                } catch (Exception e) {
                    failures.add(e);
                }
            }
        });
        try (CapturedLog log = CapturedLog.of(ServingKeyPair.class.getName())) {
            client.start();
            move(next.resolve(TlsFiles.CERTIFICATE), TestEnvironment.CERTS.resolve(TlsFiles.CERTIFICATE));
            Thread.sleep(RELOAD_PERIOD.multipliedBy(3).toMillis()); // three reloads find the certificate without its key
            assertThat(served().getSerialNumber()).isEqualTo(before.getSerialNumber());

            move(next.resolve(TlsFiles.KEY), TestEnvironment.CERTS.resolve(TlsFiles.KEY));
            await().atMost(RELOAD_PERIOD.multipliedBy(5)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(served().getSerialNumber()).isEqualTo(renewed.getSerialNumber()));
            rotating.set(false);
            client.join();

            assertThat(failures).isEmpty();
            assertThat(handshakes.get()).isGreaterThan(100);
            assertThat(log.records()).extracting(CapturedLog::message).containsExactly("the serving certificate is not"
                    + " reloaded: target/test-certs/tls.key is not the key of the certificate in target/test-certs/tls.crt"
                    + " (serial " + renewed.getSerialNumber().toString(16) + "); the listener keeps the certificate it serves");
        } finally {
            rotating.set(false);
            Files.delete(next.resolve(TlsFiles.CA));
            Files.delete(next.resolve(DevCertificates.CA_KEY));
            Files.delete(next);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The certificate the HTTPS listener presents in a new handshake. */
    private static X509Certificate served() throws IOException {
        try (SSLSocket socket = (SSLSocket) Admission.tlsContext().getSocketFactory().createSocket("localhost", Admission.HTTPS_PORT)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static X509Certificate certificateFile() throws Exception {
        return certificate(TestEnvironment.CERTS.resolve(TlsFiles.CERTIFICATE));
    }

    private static X509Certificate certificate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
