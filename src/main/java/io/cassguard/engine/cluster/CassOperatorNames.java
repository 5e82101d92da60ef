package io.cassguard.engine.cluster;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How cass-operator names what it makes for a CassandraDatacenter: a cluster or datacenter name that is no DNS label
 * ({@code Weird Cluster Name}) is turned into one ({@code weirdclustername}) for its Services and StatefulSets.
 */
public final class CassOperatorNames {

    private static final Pattern DNS_LABEL_PART = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_LABEL = Pattern.compile("^" + DNS_LABEL_PART.pattern() + "$");
    private static final int MAX_DNS_LABEL = 63;

    private CassOperatorNames() {
    }

    /**
     * A name as cass-operator puts it in the names of its objects: unchanged when it is a DNS label already; else
     * lowercased, {@code _} turned into {@code -}, and only the runs that a DNS label may hold kept, joined.
     */
    public static String forKubernetes(String name) {
        if (name.length() <= MAX_DNS_LABEL && DNS_LABEL.matcher(name).matches()) {
            return name;
        }
        Matcher parts = DNS_LABEL_PART.matcher(name.toLowerCase(Locale.ROOT).replace('_', '-'));
        StringBuilder cleaned = new StringBuilder();
        while (parts.find()) {
            cleaned.append(parts.group());
        }
        return cleaned.toString();
    }

    /**
     * The Service in front of the ready Cassandra nodes of a datacenter, which CQL clients use:
     * {@code <cluster>-<datacenter>-service}, the datacenter named by its CassandraDatacenter's {@code metadata.name}.
     */
    public static String datacenterService(String clusterName, String datacenterObjectName) {
        return forKubernetes(clusterName) + "-" + forKubernetes(datacenterObjectName) + "-service";
    }
}
