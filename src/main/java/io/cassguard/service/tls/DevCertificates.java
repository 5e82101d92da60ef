package io.cassguard.service.tls;

import io.cassguard.service.tls.ServingKeyPair;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Makes a development CA and a serving certificate signed by it, as {@code certs/make-dev-certs.sh} does with
 * openssl, for a standalone start with no certificate at hand. Never used in-cluster: cert-manager issues those.
 */
public final class DevCertificates {

    public static final String CA_KEY = "ca.key";
    private static final String[] DNS_NAMES = {"localhost", "cassguard", "cassguard.cassguard.svc",
            "cassguard.cassguard.svc.cluster.local"};
    private static final String[] IP_ADDRESSES = {"127.0.0.1", "::1"};
    private static final Duration VALIDITY = Duration.ofDays(365);

    private DevCertificates() {
    }

    /**
     * Makes what is missing in {@code directory}: the CA (unless {@code ca.crt} and {@code ca.key} are there) and a
     * serving certificate signed by it (unless both serving files are there); true if anything was made. Keeping an
     * existing CA keeps the caBundle of the local webhook overlay valid when only the serving files are remade.
     */
    public static boolean ensure(Path directory) throws IOException, GeneralSecurityException {
        if (Files.isRegularFile(directory.resolve(TlsFiles.CERTIFICATE)) && Files.isRegularFile(directory.resolve(TlsFiles.KEY))) {
            return false;
        }
        Files.createDirectories(directory);
        if (!Files.isRegularFile(directory.resolve(TlsFiles.CA)) || !Files.isRegularFile(directory.resolve(CA_KEY))) {
            KeyPair caKeys = newKeyPair();
            write(directory.resolve(CA_KEY), new JcaPKCS8Generator(caKeys.getPrivate(), null), true);
            write(directory.resolve(TlsFiles.CA), caCertificate(caKeys), false);
        }
        renewServingCertificate(directory);
        return true;
    }

    /**
     * A new serving certificate and key, signed by the CA in {@code directory}, replacing {@code tls.crt} and
     * {@code tls.key} each in one atomic move, as a certificate rotation does (the HTTPS listener reloads them).
     */
    public static void renewServingCertificate(Path directory) throws IOException, GeneralSecurityException {
        X509CertificateHolder ca = readCertificate(directory.resolve(TlsFiles.CA));
        PrivateKey caKey = readPrivateKey(directory.resolve(CA_KEY));
        KeyPair serverKeys = newKeyPair();
        X509CertificateHolder server = servingCertificate(serverKeys, ca, caKey);
        // PKCS#8 ("PRIVATE KEY"): the form every TLS stack reads, Vert.x included
        replace(directory.resolve(TlsFiles.KEY), new JcaPKCS8Generator(serverKeys.getPrivate(), null), true);
        replace(directory.resolve(TlsFiles.CERTIFICATE), server, false);
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    private static X509CertificateHolder caCertificate(KeyPair keys) throws GeneralSecurityException, IOException {
        X500Name name = new X500Name("CN=cassguard development CA");
        JcaX509v3CertificateBuilder builder = builder(name, name, keys);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        return builder.build(signer(keys.getPrivate()));
    }

    private static X509CertificateHolder servingCertificate(KeyPair keys, X509CertificateHolder ca, PrivateKey caKey)
            throws GeneralSecurityException, IOException {
        JcaX509v3CertificateBuilder builder = builder(ca.getSubject(), new X500Name("CN=cassguard.cassguard.svc"), keys);
        GeneralName[] names = new GeneralName[DNS_NAMES.length + IP_ADDRESSES.length];
        for (int i = 0; i < DNS_NAMES.length; i++) {
            names[i] = new GeneralName(GeneralName.dNSName, DNS_NAMES[i]);
        }
        for (int i = 0; i < IP_ADDRESSES.length; i++) {
            names[DNS_NAMES.length + i] = new GeneralName(GeneralName.iPAddress, IP_ADDRESSES[i]);
        }
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names))
                .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
        return builder.build(signer(caKey));
    }

    private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
    }

    private static ContentSigner signer(PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static X509CertificateHolder readCertificate(Path file) throws IOException {
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file))) {
            if (parser.readObject() instanceof X509CertificateHolder certificate) {
                return certificate;
            }
            throw new IOException(file + " holds no PEM certificate");
        }
    }

    /** A PKCS#8 key (what this class and OpenSSL 3 write) or a traditional EC/RSA key pair. */
    private static PrivateKey readPrivateKey(Path file) throws IOException {
        return ServingKeyPair.privateKey(Files.readAllBytes(file), file);
    }

    /** Writes next to the file, then moves it over the file in one step: a reader sees the old or the new content. */
    private static void replace(Path file, Object pemObject, boolean secret) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        write(next, pemObject, secret);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void write(Path file, Object pemObject, boolean secret) throws IOException {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(pemObject);
        }
        Files.writeString(file, pem.toString());
        if (secret) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: nothing more to do
            }
        }
    }
}
