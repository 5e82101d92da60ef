package io.cassguard.service.tls;

/**
 * The file names of a TLS directory as a Kubernetes TLS Secret mounts it (cert-manager adds the CA): the serving
 * certificate and key of cassguard's HTTPS port in {@code cassguard.tls.dir}, the keys of a Cassandra cluster's
 * credentials Secret.
 */
public final class TlsFiles {

    public static final String CERTIFICATE = "tls.crt";
    public static final String KEY = "tls.key";
    public static final String CA = "ca.crt";

    private TlsFiles() {
    }
}
