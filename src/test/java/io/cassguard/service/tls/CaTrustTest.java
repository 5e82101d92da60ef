package io.cassguard.service.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.X509ExtendedTrustManager;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** cassguard's clients trust the CA they are given and nothing else, whatever host name the server has. */
class CaTrustTest {

    @TempDir
    Path ours;

    @TempDir
    Path other;

    @Test
    void aServerCertifiedByTheCaIsTrusted() throws Exception {
        DevCertificates.ensure(ours);
        X509ExtendedTrustManager trust = CaTrust.of(Files.readString(ours.resolve(TlsFiles.CA)), TlsFiles.CA);

        assertThatCode(() -> trust.checkServerTrusted(chain(ours), "RSA")).doesNotThrowAnyException();
    }

    @Test
    void aServerCertifiedByAnotherCaIsNot() throws Exception {
        DevCertificates.ensure(ours);
        DevCertificates.ensure(other);
        X509ExtendedTrustManager trust = CaTrust.of(Files.readString(ours.resolve(TlsFiles.CA)), TlsFiles.CA);

        assertThatThrownBy(() -> trust.checkServerTrusted(chain(other), "RSA")).isInstanceOf(CertificateException.class);
    }

    @Test
    void aFileWithoutACertificateIsRefusedByItsName() {
        assertThatThrownBy(() -> CaTrust.of("", "ca.crt of Secret cassguard-cql"))
                .isInstanceOf(CertificateException.class).hasMessage("ca.crt of Secret cassguard-cql holds no PEM certificate");
    }

    private static X509Certificate[] chain(Path directory) throws Exception {
        byte[] pem = Files.readAllBytes(directory.resolve(TlsFiles.CERTIFICATE));
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).stream()
                .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    }
}
