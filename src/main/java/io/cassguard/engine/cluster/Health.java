package io.cassguard.engine.cluster;

import java.util.List;

/** What an object's status says about the health of its Cassandra nodes; no problems when nothing is known. */
public record Health(List<String> problems) {

    public static final Health UNKNOWN = new Health(List.of());

    public boolean healthy() {
        return problems.isEmpty();
    }
}
