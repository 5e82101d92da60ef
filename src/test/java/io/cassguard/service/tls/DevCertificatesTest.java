package io.cassguard.service.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Development certificates: a serving certificate remade later is signed by the same CA (the local caBundle). */
class DevCertificatesTest {

    @TempDir
    Path directory;

    @Test
    void aFirstStartMakesACaAndAServingCertificateSignedByIt() throws Exception {
        assertThat(DevCertificates.ensure(directory)).isTrue();

        X509Certificate ca = certificate(DevCertificates.CA_CERT);
        X509Certificate serving = certificate(DevCertificates.TLS_CERT);
        serving.verify(ca.getPublicKey());
        assertThat(serving.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList())
                .contains("localhost", "127.0.0.1", "cassguard.cassguard.svc");
        assertThat(DevCertificates.ensure(directory)).as("nothing to make a second time").isFalse();
    }

    @Test
    void removedServingFilesAreRemadeFromTheExistingCa() throws Exception {
        DevCertificates.ensure(directory);
        byte[] ca = Files.readAllBytes(directory.resolve(DevCertificates.CA_CERT));
        X509Certificate first = certificate(DevCertificates.TLS_CERT);
        for (String file : List.of(DevCertificates.TLS_CERT, DevCertificates.TLS_KEY)) {
            Files.delete(directory.resolve(file));
        }

        assertThat(DevCertificates.ensure(directory)).isTrue();

        assertThat(Files.readAllBytes(directory.resolve(DevCertificates.CA_CERT))).isEqualTo(ca);
        X509Certificate second = certificate(DevCertificates.TLS_CERT);
        assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
        second.verify(certificate(DevCertificates.CA_CERT).getPublicKey());
    }

    private X509Certificate certificate(String file) throws Exception {
        try (InputStream in = Files.newInputStream(directory.resolve(file))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
