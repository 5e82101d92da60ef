package io.cassguard.service;

import io.cassguard.service.config.CassguardConfig;
import io.cassguard.service.kubernetes.ClusterMode;
import io.cassguard.service.tls.DevCertificates;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.nio.file.Path;

/**
 * Starts cassguard. In standalone mode a missing serving certificate is made first (a development CA and a
 * certificate for localhost), because the HTTPS listener needs one before the application starts.
 */
@QuarkusMain
public class CassguardMain {

    public static void main(String... args) throws Exception {
        String mode = setting(ClusterMode.PROPERTY, "CASSGUARD_CLUSTER_MODE", CassguardConfig.DEFAULT_CLUSTER_MODE);
        if (!ClusterMode.inCluster(mode, System.getenv("KUBERNETES_SERVICE_HOST"))) {
            Path directory = Path.of(setting("cassguard.tls.dir", "CASSGUARD_TLS_DIR", CassguardConfig.DEFAULT_TLS_DIR));
            if (DevCertificates.ensure(directory)) {
                System.out.println("cassguard: made a development CA and serving certificate in " + directory.toAbsolutePath());
            }
        }
        Quarkus.run(args);
    }

    private static String setting(String property, String environment, String fallback) {
        String value = System.getProperty(property, System.getenv(environment));
        return value == null || value.isBlank() ? fallback : value;
    }
}
