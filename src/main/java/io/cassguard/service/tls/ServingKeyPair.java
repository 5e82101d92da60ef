package io.cassguard.service.tls;

import io.quarkus.tls.KeyStoreAndKeyCertOptions;
import io.quarkus.tls.KeyStoreProvider;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import io.cassguard.service.config.CassguardConfig;
import org.jboss.logging.Logger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The serving certificate and key of the webhook listener (the TLS configuration {@code webhook}), read from
 * {@code cassguard.tls.dir} at start and again every {@code quarkus.tls.webhook.reload-period}, and taken only as a
 * pair whose key is the certificate's (docs/webhook.md).
 * <p>
 * A rotation that writes {@code tls.crt} and {@code tls.key} one after the other (a non-atomic copy, a rotation by
 * hand) shows for a while a certificate with the other one's key; a listener that took it would fail every new
 * handshake. Such a pair, or files that cannot be read, are refused with one log line saying why, and the listener
 * keeps the pair it serves (the TLS registry keeps its configuration when this provider fails); a later reload takes
 * the new pair once both files are in place. At start there is no pair to keep: a bad one stops the start.
 * <p>
 * A new pair is served by swapping it into the listener's {@link ServingKeyManager}; the options the listener is given
 * stay the same object, so that Vert.x keeps its TLS context: Vert.x 4.5 refuses new connections while it builds a
 * new one.
 */
@ApplicationScoped
@Identifier("webhook") // quarkus.http.tls-configuration-name
public class ServingKeyPair implements KeyStoreProvider {

    private static final Logger LOG = Logger.getLogger(ServingKeyPair.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Protects the in-memory key store only: the key is in the mounted file anyway. */
    private static final char[] PASSWORD = "serving".toCharArray();

    private final Path certificateFile;
    private final Path keyFile;
    private final ServingKeyManager keyManager = new ServingKeyManager();
    private final KeyCertOptions options = new ServingKeyCertOptions(keyManager);
    private KeyStoreAndKeyCertOptions served;
    private byte[] servedCertificate;
    private byte[] servedKey;
    /** Why the files were last refused, as logged; null once a pair is taken. */
    private String refusal;

    public ServingKeyPair(CassguardConfig config) {
        this.certificateFile = config.tls().dir().resolve(TlsFiles.CERTIFICATE);
        this.keyFile = config.tls().dir().resolve(TlsFiles.KEY);
    }

    @Override
    public synchronized KeyStoreAndKeyCertOptions getKeyStore(Vertx vertx) {
        try {
            byte[] certificate = read(certificateFile);
            byte[] key = read(keyFile);
            if (served == null || !Arrays.equals(certificate, servedCertificate) || !Arrays.equals(key, servedKey)) {
                KeyStore pair = pair(certificate, key);
                keyManager.serve(pair, PASSWORD);
                served = new KeyStoreAndKeyCertOptions(pair, options);
                servedCertificate = certificate;
                servedKey = key;
                refusal = null;
            }
            return served;
        } catch (IOException | GeneralSecurityException e) {
            String why = e.getMessage();
            if (served == null) {
                throw new IllegalStateException("no serving certificate: " + why, e);
            }
            if (!why.equals(refusal)) {
                refusal = why;
                LOG.warnf("the serving certificate is not reloaded: %s; the listener keeps the certificate it serves", why);
            }
            throw new IllegalStateException(why);
        }
    }

    /** The certificate chain of tls.crt with the key of tls.key, when the key is the certificate's. */
    private KeyStore pair(byte[] certificatePem, byte[] keyPem) throws IOException, GeneralSecurityException {
        X509Certificate[] chain = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(certificatePem)).toArray(X509Certificate[]::new);
        if (chain.length == 0) {
            throw new GeneralSecurityException(certificateFile + " holds no certificate");
        }
        PrivateKey key = privateKey(keyPem, keyFile);
        if (!belongTogether(key, chain[0].getPublicKey())) {
            throw new GeneralSecurityException(keyFile + " is not the key of the certificate in " + certificateFile
                    + " (serial " + chain[0].getSerialNumber().toString(16) + ")");
        }
        // In memory only, never written anywhere: PKCS12 would wrap the key with PBKDF2 (10,000 rounds) and the key
        // manager unwrap it again, a tenth of a second of every start and reload; JKS' key protection costs nothing.
        KeyStore store = KeyStore.getInstance("JKS");
        store.load(null, null);
        store.setKeyEntry("serving", key, PASSWORD, chain);
        return store;
    }

    private static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("there is no " + file, e);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A PKCS#8 key (what OpenSSL 3 writes), or a traditional RSA or EC one (cert-manager's default for RSA). */
    public static PrivateKey privateKey(byte[] pem, Path file) throws IOException {
        try (PEMParser parser = new PEMParser(new InputStreamReader(new ByteArrayInputStream(pem), StandardCharsets.US_ASCII))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PrivateKeyInfo key) {
                return converter.getPrivateKey(key);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IOException(file + " holds no PEM private key");
        }
    }

    /** Whether a signature made with the private key checks out with the public one. */
    private static boolean belongTogether(PrivateKey key, PublicKey publicKey) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> throw new GeneralSecurityException("a " + key.getAlgorithm() + " key is not supported");
        };
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(challenge);
        byte[] signature = signer.sign();
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            return false; // a public key of another kind or curve
        }
    }

    /**
     * The listener's key material for its whole life. Its copy is itself, so that Vert.x finds the options of an
     * update equal to those it has and keeps its TLS context.
     */
    private record ServingKeyCertOptions(ServingKeyManager keyManager) implements KeyCertOptions {

        @Override
        public KeyCertOptions copy() {
            return this;
        }

        @Override
        public KeyManagerFactory getKeyManagerFactory(Vertx vertx) throws Exception {
            return KeyCertOptions.wrap(keyManager).getKeyManagerFactory(vertx);
        }

        @Override
        public Function<String, X509KeyManager> keyManagerMapper(Vertx vertx) {
            return serverName -> keyManager;
        }
    }
}
