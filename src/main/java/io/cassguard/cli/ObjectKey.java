package io.cassguard.cli;

import io.fabric8.kubernetes.api.Pluralize;

import java.util.Locale;

/** What pairs an object of {@code --new} with one of the old side: API group, kind, namespace and name, not the version. */
record ObjectKey(String group, String kind, String namespace, String name) {

    /** The resource, as the API server names it in an admission request: {@code cassandraclusters}. */
    String resource() {
        return Pluralize.toPlural(kind.toLowerCase(Locale.ROOT));
    }

    /** The name kubectl prints: {@code cassandracluster.db.orange.com/cluster1}, {@code configmap/settings}. */
    String displayName() {
        String lower = kind.toLowerCase(Locale.ROOT);
        return (group.isEmpty() ? lower : lower + "." + group) + "/" + name;
    }
}
