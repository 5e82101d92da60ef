package io.cassguard.support;

import io.cassguard.engine.fixtures.EngineFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.engine.cluster.Annotations;
import io.cassguard.engine.cluster.CachedObjects;
import io.cassguard.engine.cluster.CassandraCluster;
import io.cassguard.service.tls.DevCertificates;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The cost-growth benchmark's cluster (bench/growth.sh): the fabric8 mock API server in CRUD mode, in a JVM of its
 * own so that its memory is not counted with cassguard's, filled with a crowded cluster, then serving until killed.
 *
 * <p>{@code statefulSets} StatefulSets, 3 % of them Cassandra racks (three racks per cluster, each cluster in a
 * namespace of its own; the first three are {@code orders-dc1-rack1..3} in namespace {@code cassandra}, the racks
 * of bench/fixtures' StatefulSet admission), the others spread over 200 namespaces and not Cassandra; and
 * {@code cassandraClusters} CassandraClusters. Every object is as {@code kubectl apply} leaves it, managedFields and
 * last-applied annotation included: the StatefulSets are bench/fixtures/validate-statefulset.json's (renamed, and
 * for the others running a web shop instead of Cassandra).
 *
 * <p>Every Cassandra rack and CassandraCluster names a CQL Secret that does not exist ({@link Annotations#CQL_SECRET}):
 * cassguard then reads none of them over CQL, so that the figures are those of the caches and the rules, not of
 * hundreds of CQL sessions failing to resolve hosts that do not exist.
 *
 * <p>Arguments: statefulSets cassandraClusters tlsDirectory. Prints {@code url=<API server URL>} and serves, empty;
 * a line on its standard input fills it, and it prints {@code filled} when every object is created. So cassguard
 * starts against an empty cluster and its watches receive the objects one by one, as a cluster grows: the mock
 * server does not page a list ({@code limit} and {@code continue}), so a first list of 10,000 StatefulSets would
 * arrive in one piece, which a real API server sends in the pages cassguard asks for. The TLS directory receives a
 * development serving certificate for cassguard (in-cluster, cassguard makes none itself).
 */
public final class CrowdedApiServer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OTHER_NAMESPACES = 200;
    private static final int RACKS_PER_CLUSTER = 3;
    private static final String NO_SECRET = "growth-bench-no-such-secret";

    private CrowdedApiServer() {
    }

    public static void main(String... args) throws Exception {
        int statefulSets = Integer.parseInt(args[0]);
        int cassandraClusters = Integer.parseInt(args[1]);
        DevCertificates.ensure(Path.of(args[2]));

        KubernetesApiMock api = new KubernetesApiMock();
        api.init(Map.of());
        String url = api.start().get("quarkus.kubernetes-client.api-server-url");
        KubernetesClient client = api.client();
        System.out.println("url=" + url);
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();

        String rack = withoutServerFields(JSON.readTree(Files.readString(Path.of("bench/fixtures/validate-statefulset.json")))
                .at("/request/object")).toString();
        String other = rack.replace("cassandra", "webshop").replace("orders", "shop");
        int racks = statefulSets * 3 / 100;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> created = new ArrayList<>();
        for (int i = 0; i < statefulSets; i++) {
            String json = i < racks ? rackOf(rack, i) : other.replace("\"name\":\"shop-dc1-rack1\"", "\"name\":\"web-" + i + "\"")
                    .replace("\"namespace\":\"webshop\"", "\"namespace\":\"apps-" + (i % OTHER_NAMESPACES) + "\"");
            StatefulSet statefulSet = JSON.readValue(json, StatefulSet.class);
            if (i < racks) {
                statefulSet.getMetadata().getAnnotations().put(Annotations.CQL_SECRET, NO_SECRET);
            }
            created.add(pool.submit(() -> client.resource(statefulSet).create()));
        }
        JsonNode cluster = withoutServerFields(EngineFixtures.review("cassandracluster-add-dc-allowed").at("/request/object"));
        for (int i = 0; i < cassandraClusters; i++) {
            ObjectNode object = cluster.deepCopy();
            object.withObjectProperty("metadata").put("name", "cc-" + i).put("namespace", "cass-" + i);
            object.withObjectProperty("metadata").withObjectProperty("annotations").put(Annotations.CQL_SECRET, NO_SECRET);
            applied(object);
            CassandraCluster resource = JSON.convertValue(object, CassandraCluster.class);
            created.add(pool.submit(() -> client.resource(resource).create()));
        }
        for (Future<?> creation : created) {
            creation.get();
        }
        pool.shutdown();
        System.out.println("filled");
        Thread.currentThread().join();
    }

    /** Rack {@code i}: orders-dc1-rack1..3 in namespace cassandra first, then three racks per cluster cK in cass-K. */
    private static String rackOf(String template, int i) {
        String rack = "rack" + (i % RACKS_PER_CLUSTER + 1);
        String json = template.replace("rack1", rack);
        if (i < RACKS_PER_CLUSTER) {
            return json;
        }
        int cluster = i / RACKS_PER_CLUSTER;
        return json.replace("orders", "c" + cluster).replace("\"namespace\":\"cassandra\"", "\"namespace\":\"cass-" + cluster + "\"")
                .replace("\\\"namespace\\\":\\\"cassandra\\\"", "\\\"namespace\\\":\\\"cass-" + cluster + "\\\"");
    }

    /** What the API server sets itself: the mock server gives its own. */
    private static JsonNode withoutServerFields(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        copy.withObjectProperty("metadata").remove(List.of("uid", "resourceVersion", "creationTimestamp", "generation"));
        return copy;
    }

    /** The bookkeeping {@code kubectl apply} leaves on an object. */
    private static void applied(ObjectNode object) {
        ObjectNode metadata = object.withObjectProperty("metadata");
        metadata.withObjectProperty("annotations").put(CachedObjects.LAST_APPLIED, object.toString());
        metadata.putArray("managedFields").add(JSON.valueToTree(new ManagedFieldsEntryBuilder()
                .withManager("kubectl-client-side-apply").withOperation("Update").withApiVersion(object.path("apiVersion").asText())
                .withFieldsType("FieldsV1").build()));
    }
}
