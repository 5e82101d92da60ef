package io.cassguard.service.tls;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;

/**
 * Says when the HTTPS listener starts serving a renewed certificate. The TLS registry re-reads the files every
 * {@code reload-period} and reports each read as an update, changed or not (Quarkus logs two lines a minute for it,
 * silenced in application.properties); this logs only a real change, with what an admin checks.
 */
@ApplicationScoped
public class ServingCertificateLog {

    private static final Logger LOG = Logger.getLogger(ServingCertificateLog.class);

    private final TlsConfigurationRegistry registry;
    private final String configuration;
    private volatile String served;

    public ServingCertificateLog(TlsConfigurationRegistry registry,
                                 @ConfigProperty(name = "quarkus.http.tls-configuration-name") String configuration) {
        this.registry = registry;
        this.configuration = configuration;
    }

    void started(@Observes StartupEvent event) {
        registry.get(configuration).ifPresent(tls -> served = describe(tls.getKeyStore()));
    }

    /** What the listener serves, as last read. */
    String served() {
        return served;
    }

    void reloaded(@Observes CertificateUpdatedEvent event) {
        String certificate = describe(event.tlsConfiguration().getKeyStore());
        if (served != null && !served.equals(certificate)) {
            LOG.infof("TLS configuration %s now serves %s", event.name(), certificate);
        }
        served = certificate;
    }

    private static String describe(KeyStore keyStore) {
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                Certificate certificate = keyStore.getCertificate(alias);
                if (certificate instanceof X509Certificate x509) {
                    return "certificate " + x509.getSubjectX500Principal().getName() + " serial "
                            + x509.getSerialNumber().toString(16) + ", valid until " + x509.getNotAfter().toInstant();
                }
            }
            return "no certificate";
        } catch (KeyStoreException e) {
            return "an unreadable key store (" + e.getMessage() + ")";
        }
    }
}
