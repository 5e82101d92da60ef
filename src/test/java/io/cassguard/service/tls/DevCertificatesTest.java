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

        X509Certificate ca = certificate(TlsFiles.CA);
        X509Certificate serving = certificate(TlsFiles.CERTIFICATE);
        serving.verify(ca.getPublicKey());
        assertThat(serving.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList())
                .contains("localhost", "127.0.0.1", "cassguard.cassguard.svc");
        assertThat(DevCertificates.ensure(directory)).as("nothing to make a second time").isFalse();
    }

    @Test
    void removedServingFilesAreRemadeFromTheExistingCa() throws Exception {
        DevCertificates.ensure(directory);
        byte[] ca = Files.readAllBytes(directory.resolve(TlsFiles.CA));
        X509Certificate first = certificate(TlsFiles.CERTIFICATE);
        for (String file : List.of(TlsFiles.CERTIFICATE, TlsFiles.KEY)) {
            Files.delete(directory.resolve(file));
        }

        assertThat(DevCertificates.ensure(directory)).isTrue();

        assertThat(Files.readAllBytes(directory.resolve(TlsFiles.CA))).isEqualTo(ca);
        X509Certificate second = certificate(TlsFiles.CERTIFICATE);
        assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
        second.verify(certificate(TlsFiles.CA).getPublicKey());
    }

    private X509Certificate certificate(String file) throws Exception {
        try (InputStream in = Files.newInputStream(directory.resolve(file))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
