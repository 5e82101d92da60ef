package io.cassguard.service.cassandra;

import io.cassguard.service.cassandra.CassandraTarget.Tls;
import io.cassguard.service.tls.CaTrust;
import io.cassguard.service.tls.TlsFiles;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS context for the native port from the PEM text of a cluster's Secret: the nodes' certificates must chain to
 * {@code ca.crt}; {@code tls.crt}/{@code tls.key}, when given, answer a node that asks for a client certificate. Host
 * names are not checked (nodes are reached by pod address): trust rests on the CA alone.
 */
final class CqlTls {

    private static final char[] NO_PASSWORD = new char[0];

    private CqlTls() {
    }

    static SSLContext context(Tls tls) throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = null;
        if (tls.certificate().isPresent()) {
            KeyStore own = KeyStore.getInstance("PKCS12");
            own.load(null, null);
            own.setKeyEntry("client", privateKey(tls.privateKey().orElseThrow()), NO_PASSWORD,
                    certificates(tls.certificate().get(), TlsFiles.CERTIFICATE).toArray(new X509Certificate[0]));
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(own, NO_PASSWORD);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(),
                new TrustManager[] {CaTrust.of(tls.caCertificates(), TlsFiles.CA)}, null);
        return context;
    }

    private static List<X509Certificate> certificates(String pem, String key) throws IOException, GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new IOException(key + " holds no PEM certificate");
        }
        return certificates;
    }

    private static PrivateKey privateKey(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException(TlsFiles.KEY + " holds no unencrypted PEM private key");
        }
    }
}
