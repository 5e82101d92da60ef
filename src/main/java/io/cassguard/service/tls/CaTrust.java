package io.cassguard.service.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * Trust in the CA (or CAs) of one PEM text and in nothing else, not the JDK's public CAs: how cassguard's own clients
 * trust the servers they call, the other replicas (their serving CA, {@code ca.crt}) and the Cassandra nodes (the
 * {@code ca.crt} of the cluster's Secret). Both are reached by pod address, which no certificate names: the chain is
 * checked, the host name is not.
 */
public final class CaTrust {

    private CaTrust() {
    }

    /**
     * @param pem   one or more PEM certificates
     * @param where what holds them, for the message when there is none, e.g. {@code ca.crt}
     */
    public static X509ExtendedTrustManager of(String pem, String where) throws GeneralSecurityException {
        Collection<? extends Certificate> cas = java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (cas.isEmpty()) {
            throw new CertificateException(where + " holds no PEM certificate");
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            trusted.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("an empty key store cannot be made", e);
        }
        int n = 0;
        for (Certificate ca : cas) {
            trusted.setCertificateEntry("ca-" + n++, ca);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        for (javax.net.ssl.TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return new ChainOnly(x509);
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Checks a server's chain against the CA, not its host name (a pod address is in no certificate). */
    private static final class ChainOnly extends X509ExtendedTrustManager {

        private final X509TrustManager chain;

        ChainOnly(X509TrustManager chain) {
            this.chain = chain;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
                throws CertificateException {
            chain.checkServerTrusted(certificates, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket)
                throws CertificateException {
            chain.checkServerTrusted(certificates, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
            chain.checkServerTrusted(certificates, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a client's trust only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("a client's trust only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
            throw new CertificateException("a client's trust only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return chain.getAcceptedIssuers();
        }
    }
}
