package io.cassguard.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.engine.cluster.CassandraVersion;
import io.cassguard.engine.decision.Decision;
import io.cassguard.support.Corpus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static io.cassguard.conformance.CorpusConformanceTest.review;
import static io.cassguard.conformance.CorpusConformanceTest.rules;
import static io.cassguard.conformance.CorpusConformanceTest.validate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real CassandraDatacenters and K8ssandraClusters of the corpus, each changed the way that loses data (a shrink
 * below the replication factor, a downgrade, a skipped major version, another token count, a rack or a datacenter
 * removed or renamed, a delete), every change from the manifest as its operator left it settled: each variant is refused by the rule that
 * guards against it. A variant that cannot be made of a manifest (a rack removed from a one-rack datacenter) is left
 * out, and every variant is made of at least one manifest.
 */
class OperatorCorpusVariantsTest {

    /** A way to change a manifest, and the rule that must refuse it. */
    private record Variant(String name, String rule, Predicate<JsonNode> applies, Consumer<ObjectNode> change) {
    }

    private static final List<Variant> DATACENTER_VARIANTS = List.of(
            new Variant("shrink below the replication factor", "min-dc-size", dc -> dc.at("/spec/size").asInt() >= 2,
                    dc -> {
                        int size = dc.at("/spec/size").asInt();
                        dc.withObject("/metadata").withObject("annotations").put("cassguard.io/replication-factor", String.valueOf(size));
                        dc.withObject("/spec").put("size", size - 1);
                    }),
            new Variant("downgrade", "version-downgrade", dc -> version(dc.at("/spec")) != null,
                    dc -> dc.withObject("/spec").put("serverVersion", lowerLine(version(dc.at("/spec"))))),
            new Variant("skipped major", "version-skip", dc -> version(dc.at("/spec")) != null && apache(dc.at("/spec")),
                    dc -> dc.withObject("/spec").put("serverVersion", skipped(version(dc.at("/spec"))))),
            new Variant("another token count", "immutable-field", dc -> true,
                    dc -> dc.withObject("/spec").withObject("config").withObject("cassandra-yaml")
                            .put("num_tokens", tokens(dc.at("/spec/config/cassandra-yaml/num_tokens")))),
            new Variant("rack removed", "topology-removal", dc -> dc.at("/spec/racks").size() >= 2,
                    dc -> ((ArrayNode) dc.at("/spec/racks")).remove(dc.at("/spec/racks").size() - 1)));

    private static final List<Variant> CLUSTER_VARIANTS = List.of(
            new Variant("a datacenter shrunk below the replication factor", "min-dc-size",
                    cluster -> cluster.at("/spec/cassandra/datacenters/0/size").asInt() >= 2,
                    cluster -> {
                        ObjectNode dc = (ObjectNode) cluster.at("/spec/cassandra/datacenters/0");
                        int size = dc.path("size").asInt();
                        cluster.withObject("/metadata").withObject("annotations").put("cassguard.io/replication-factor", String.valueOf(size));
                        dc.put("size", size - 1);
                    }),
            new Variant("downgrade", "version-downgrade", cluster -> version(cluster.at("/spec/cassandra")) != null,
                    cluster -> cluster.withObject("/spec/cassandra").put("serverVersion", lowerLine(version(cluster.at("/spec/cassandra"))))),
            new Variant("skipped major", "version-skip",
                    cluster -> version(cluster.at("/spec/cassandra")) != null && apache(cluster.at("/spec/cassandra")),
                    cluster -> cluster.withObject("/spec/cassandra").put("serverVersion", skipped(version(cluster.at("/spec/cassandra"))))),
            new Variant("another token count", "immutable-field", cluster -> true,
                    cluster -> cluster.withObject("/spec/cassandra").withObject("config").withObject("cassandraYaml")
                            .put("num_tokens", tokens(cluster.at("/spec/cassandra/config/cassandraYaml/num_tokens")))),
            new Variant("a datacenter renamed in Cassandra", "topology-removal", cluster -> true,
                    cluster -> {
                        ObjectNode dc = (ObjectNode) cluster.at("/spec/cassandra/datacenters/0");
                        dc.put("datacenterName", dc.path("datacenterName").asText(dc.at("/metadata/name").asText()) + "-renamed");
                    }),
            new Variant("a rack removed", "topology-removal",
                    cluster -> cluster.at("/spec/cassandra/datacenters/0/racks").size() >= 2,
                    cluster -> {
                        ArrayNode racks = (ArrayNode) cluster.at("/spec/cassandra/datacenters/0/racks");
                        racks.remove(racks.size() - 1);
                    }));

    @Test
    void everyCassandraDatacenterChangedTheWayThatLosesDataIsRefusedByItsRule() {
        assertVariantsRefused("CassandraDatacenter", DATACENTER_VARIANTS);
    }

    @Test
    void everyK8ssandraClusterChangedTheWayThatLosesDataIsRefusedByItsRule() {
        assertVariantsRefused("K8ssandraCluster", CLUSTER_VARIANTS);
    }

    @Test
    void everyDeleteIsRefusedByDeletionProtection() {
        Map<String, List<String>> unprotected = new TreeMap<>();
        for (Corpus.Manifest manifest : manifests("CassandraDatacenter", "K8ssandraCluster")) {
            Decision decision = validate(review("DELETE", settled(manifest.object()), null));
            if (decision.isAllowed() || !rules(decision).equals(List.of("deletion-protection"))) {
                unprotected.put(manifest.file(), decision.isAllowed() ? List.of("allowed") : rules(decision));
            }
        }

        assertThat(unprotected).isEmpty();
    }

    @Test
    void aDatacenterRemovedFromAK8ssandraClusterIsADecommissionWarnedOfWhileCassandraIsNotRead() {
        List<String> notWarned = new ArrayList<>();
        List<Corpus.Manifest> multiDatacenter = manifests("K8ssandraCluster").stream()
                .filter(m -> m.object().at("/spec/cassandra/datacenters").size() >= 2).toList();
        for (Corpus.Manifest manifest : multiDatacenter) {
            ObjectNode removed = settled(manifest.object());
            ArrayNode dcs = (ArrayNode) removed.at("/spec/cassandra/datacenters");
            dcs.remove(dcs.size() - 1);
            Decision decision = validate(review("UPDATE", settled(manifest.object()), removed));
            if (!decision.isAllowed() || decision.warnings().stream().noneMatch(w -> w.startsWith("[dc-decommission] "))) {
                notWarned.add(manifest.file() + ": " + (decision.isAllowed() ? decision.warnings() : decision.denialMessage()));
            }
        }

        assertThat(multiDatacenter).hasSizeGreaterThanOrEqualTo(4);
        assertThat(notWarned).isEmpty();
    }

    private static void assertVariantsRefused(String kind, List<Variant> variants) {
        List<Corpus.Manifest> manifests = manifests(kind);
        Map<String, List<String>> notRefused = new TreeMap<>();
        Map<String, Integer> made = new TreeMap<>();
        for (Corpus.Manifest manifest : manifests) {
            for (Variant variant : variants) {
                if (!variant.applies().test(manifest.object())) {
                    continue;
                }
                made.merge(variant.name(), 1, Integer::sum);
                ObjectNode before = settled(manifest.object());
                ObjectNode after = before.deepCopy();
                variant.change().accept(after);
                Decision decision = validate(review("UPDATE", before, after));
                if (decision.isAllowed() || !rules(decision).contains(variant.rule())) {
                    notRefused.put(manifest.file() + " (" + variant.name() + ")",
                            decision.isAllowed() ? List.of("allowed") : rules(decision));
                }
            }
        }

        assertThat(manifests).as(kind + "s in the corpus").hasSizeGreaterThanOrEqualTo(10);
        assertThat(made.keySet()).as("variants made").containsExactlyInAnyOrderElementsOf(
                variants.stream().map(Variant::name).toList());
        assertThat(notRefused).isEmpty();
    }

    private static List<Corpus.Manifest> manifests(String... kinds) {
        List<String> wanted = List.of(kinds);
        return Corpus.manifests("").stream().filter(m -> wanted.contains(m.kind())).toList();
    }

    /** The object as its operator leaves it once it carried the manifest out: every datacenter Ready. */
    private static ObjectNode settled(JsonNode object) {
        ObjectNode settled = object.deepCopy();
        ObjectNode status = settled.putObject("status");
        if ("CassandraDatacenter".equals(object.path("kind").asText())) {
            ready(status);
        } else {
            ObjectNode datacenters = status.putObject("datacenters");
            object.at("/spec/cassandra/datacenters").forEach(dc ->
                    ready(datacenters.putObject(dc.at("/metadata/name").asText()).putObject("cassandra")));
        }
        return settled;
    }

    private static void ready(ObjectNode status) {
        status.put("cassandraOperatorProgress", "Ready").putArray("conditions").addObject().put("type", "Ready").put("status", "True");
    }

    private static CassandraVersion version(JsonNode spec) {
        return CassandraVersion.find(spec.path("serverVersion").asText(null)).orElse(null);
    }

    private static boolean apache(JsonNode spec) {
        return "cassandra".equals(spec.path("serverType").asText("cassandra"));
    }

    /** A release of the line below: 4.1 -> 4.0, 4.0 -> 3.11, 1.0 (HCD) -> 0.9. */
    private static String lowerLine(CassandraVersion version) {
        if (version.minor() > 0) {
            return version.major() + "." + (version.minor() - 1) + ".0";
        }
        return (version.major() - 1) + "." + (version.major() == 4 ? 11 : 9) + ".0";
    }

    /** Two majors up: past every supported path. */
    private static String skipped(CassandraVersion version) {
        return (version.major() + 2) + ".0.0";
    }

    /** Another token count than the one set (or left to the operator). */
    private static int tokens(JsonNode set) {
        return set.isNumber() && set.asInt() == 8 ? 4 : 8;
    }
}
