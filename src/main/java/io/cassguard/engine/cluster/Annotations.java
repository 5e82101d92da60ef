package io.cassguard.engine.cluster;

/** The annotation keys of DESIGN §5–§7. */
public final class Annotations {

    public static final String OVERRIDE = "cassguard.io/override";
    public static final String OVERRIDE_REASON = "cassguard.io/override-reason";
    public static final String ALLOW_DELETE = "cassguard.io/allow-delete";
    public static final String REPLICATION_FACTOR = "cassguard.io/replication-factor";
    public static final String MUTATIONS = "cassguard.io/mutations";
    public static final String SKIP_MUTATIONS = "cassguard.io/skip-mutations";

    private Annotations() {
    }
}
