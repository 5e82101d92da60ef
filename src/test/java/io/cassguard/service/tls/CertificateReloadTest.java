package io.cassguard.service.tls;

import io.cassguard.support.Admission;
import io.cassguard.support.TestEnvironment;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * cert-manager renews the serving certificate in the mounted Secret; the HTTPS listener serves the new one without a
 * restart. quarkus.tls.webhook.reload-period makes the TLS registry re-read the files (every minute in production,
 * every 2 s in tests) and the HTTP server take the new certificate when it changed.
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

        // While Vert.x 4.5 builds the new TLS context (a fraction of a second), it drops new handshakes; existing
        // connections, like the API server's keep-alive ones, are not affected.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(SSLException.class)
                .untilAsserted(() -> assertThat(served().getSerialNumber()).isEqualTo(renewed.getSerialNumber()));
        await().atMost(RELOAD_PERIOD.multipliedBy(3)).untilAsserted(() ->
                assertThat(certificateLog.served()).contains("serial " + renewed.getSerialNumber().toString(16)));
        // and admission goes on over the new certificate
        assertThat(Admission.validate("reviews/statefulset-delete-unprotected.yaml").path("allowed").asBoolean(true)).isFalse();
    }

    /** The certificate the HTTPS listener presents in a new handshake. */
    private static X509Certificate served() throws IOException {
        try (SSLSocket socket = (SSLSocket) Admission.tlsContext().getSocketFactory().createSocket("localhost", Admission.HTTPS_PORT)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static X509Certificate certificateFile() throws Exception {
        try (InputStream in = Files.newInputStream(TestEnvironment.CERTS.resolve(DevCertificates.TLS_CERT))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
