package io.cassguard.engine.cluster;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The annotation keys of docs/annotations.md. */
public final class Annotations {

    public static final String OVERRIDE = "cassguard.io/override";
    public static final String OVERRIDE_REASON = "cassguard.io/override-reason";
    public static final String ALLOW_DELETE = "cassguard.io/allow-delete";
    public static final String REPLICATION_FACTOR = "cassguard.io/replication-factor";
    public static final String MUTATIONS = "cassguard.io/mutations";
    public static final String SKIP_MUTATIONS = "cassguard.io/skip-mutations";
    /** {@code host:port,...} where cassguard reads the cluster over CQL (docs/annotations.md); else its Service on 9042. */
    public static final String CQL_CONTACT_POINTS = "cassguard.io/cql-contact-points";
    /** The Secret, in cassguard's own namespace, with the CQL credentials and TLS material of the cluster. */
    public static final String CQL_SECRET = "cassguard.io/cql-secret";

    private Annotations() {
    }

    /** The ids of a comma-separated annotation value ({@code "exporter, anti-affinity"}), in order, blanks left out. */
    public static Set<String> list(String value) {
        if (value == null) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(id -> !id.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
