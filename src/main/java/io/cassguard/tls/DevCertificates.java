package io.cassguard.tls;

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
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
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

    public static final String CA_CERT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String TLS_CERT = "tls.crt";
    public static final String TLS_KEY = "tls.key";
    private static final String[] DNS_NAMES = {"localhost", "cassguard", "cassguard.cassguard.svc",
            "cassguard.cassguard.svc.cluster.local"};
    private static final String[] IP_ADDRESSES = {"127.0.0.1", "::1"};
    private static final Duration VALIDITY = Duration.ofDays(365);

    private DevCertificates() {
    }

    /** Makes the CA and serving certificate in {@code directory} unless both serving files are there; true if made. */
    public static boolean ensure(Path directory) throws IOException, GeneralSecurityException {
        if (Files.isRegularFile(directory.resolve(TLS_CERT)) && Files.isRegularFile(directory.resolve(TLS_KEY))) {
            return false;
        }
        Files.createDirectories(directory);
        KeyPair caKeys = newKeyPair();
        X509CertificateHolder ca = caCertificate(caKeys);
        KeyPair serverKeys = newKeyPair();
        X509CertificateHolder server = servingCertificate(serverKeys, ca, caKeys);
        write(directory.resolve(CA_CERT), ca, false);
        write(directory.resolve(CA_KEY), new JcaPKCS8Generator(caKeys.getPrivate(), null), true);
        write(directory.resolve(TLS_CERT), server, false);
        // PKCS#8 ("PRIVATE KEY"): the form every TLS stack reads, Vert.x included
        write(directory.resolve(TLS_KEY), new JcaPKCS8Generator(serverKeys.getPrivate(), null), true);
        return true;
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
        return builder.build(signer(keys));
    }

    private static X509CertificateHolder servingCertificate(KeyPair keys, X509CertificateHolder ca, KeyPair caKeys)
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
                .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(caKeys.getPublic()));
        return builder.build(signer(caKeys));
    }

    private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
    }

    private static ContentSigner signer(KeyPair keys) throws GeneralSecurityException {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
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
