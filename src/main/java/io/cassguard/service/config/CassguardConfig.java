package io.cassguard.service.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every {@code cassguard.*} setting, each with its one default. The README's configuration table lists them all
 * (a test keeps it so).
 */
@ConfigMapping(prefix = "cassguard")
public interface CassguardConfig {

    /** Read by the main class before Quarkus configuration exists: stated here once for both. */
    String DEFAULT_CLUSTER_MODE = "auto";
    String DEFAULT_TLS_DIR = "certs";

    Cluster cluster();

    Tls tls();

    Policies policies();

    Admission admission();

    Watch watch();

    Leader leader();

    Controller controller();

    Report report();

    Audit audit();

    Cassandra cassandra();

    interface Cluster {
        /** {@code auto} (in-cluster when a service account is mounted), {@code standalone} or {@code in-cluster}. */
        @WithDefault(DEFAULT_CLUSTER_MODE)
        String mode();
    }

    interface Tls {
        /** Where {@code tls.crt} and {@code tls.key} are; standalone, a development pair is made there if missing. */
        @WithDefault(DEFAULT_TLS_DIR)
        Path dir();
    }

    interface Policies {
        @WithDefault("policies")
        Path dir();

        @WithDefault("5s")
        Duration reloadInterval();
    }

    interface Admission {
        /** JSON nested deeper than this is refused while it is read. */
        @WithDefault("100")
        int maxJsonDepth();

        /** A review body that has not fully arrived by then is answered 408. */
        @WithDefault("10s")
        Duration bodyTimeout();
    }

    interface Watch {
        /** The namespaces whose CassandraClusters, CassandraDatacenters, K8ssandraClusters and StatefulSets are watched; unset: all. */
        Optional<List<String>> namespaces();

        /** How often the API server is asked whether it serves cass-operator's and k8ssandra-operator's kinds yet. */
        @WithDefault("30s")
        Duration discoveryInterval();
    }

    interface Leader {
        @WithDefault("cassguard-leader")
        String leaseName();

        /** The Lease's namespace; unset: the pod's own. */
        Optional<String> namespace();

        /** This replica's name in the Lease; unset: the pod name. */
        Optional<String> identity();

        @WithDefault("15s")
        Duration leaseDuration();

        @WithDefault("10s")
        Duration renewDeadline();

        @WithDefault("2s")
        Duration retryPeriod();
    }

    interface Controller {
        /** How often the leader writes policy status and PolicyReports when something changed. */
        @WithDefault("2s")
        Duration interval();

        /** How often everything is written again, changed or not. */
        @WithDefault("1m")
        Duration resync();
    }

    interface Report {
        /** The most results of one PolicyReport. */
        @WithDefault("1000")
        int maxResults();
    }

    /** Reading the guarded Cassandra clusters themselves over CQL (docs/live-state.md). */
    interface Cassandra {
        /** A reading is refreshed at least this often (and on the driver's schema and node events). */
        @WithDefault("30s")
        Duration refreshInterval();

        /** A reading older than this is unknown: the rules fall back to what the objects declare. */
        @WithDefault("2m")
        Duration maxAge();

        /** Standalone only: {@code host:port} of one cluster to read, for trying cassguard out; unset: none. */
        Optional<List<String>> contactPoints();
    }

    interface Audit {
        @WithDefault("data/audit.jsonl")
        Path file();

        @WithDefault("10M")
        MemorySize maxFileSize();

        @WithDefault("5")
        int maxFiles();

        /**
         * Records kept in memory for {@code /audit}: each takes about 3 KiB of heap (10,000 were 30 MiB, most of the
         * heap); a query for older records reads the files.
         */
        @WithDefault("1000")
        int recentRecords();

        /** How often the audit log is checked to be writable (readiness {@code audit-log}). */
        @WithDefault("10s")
        Duration probeInterval();

        Events events();

        Peers peers();

        /** The other replicas {@code /audit} asks in-cluster: the ready endpoints of a headless Service. */
        interface Peers {
            /** The headless Service whose EndpointSlices list the replicas. */
            @WithDefault("cassguard-peers")
            String service();

            /** Its namespace; unset: the pod's own. */
            Optional<String> namespace();

            /** This replica's pod name, to leave itself out of the endpoints; unset: {@code HOSTNAME}. */
            Optional<String> self();

            /** How long {@code /audit} waits for the other replicas before it answers without them. */
            @WithDefault("2s")
            Duration timeout();
        }

        interface Events {
            /** Events waiting to be created; beyond it, new ones are dropped and counted. */
            @WithDefault("1000")
            int queueSize();
        }
    }
}
