package io.cassguard.engine.mutations;

import com.fasterxml.jackson.databind.JsonNode;
import io.cassguard.engine.fixtures.Engines;
import org.junit.jupiter.api.Test;

import static io.cassguard.engine.fixtures.EngineFixtures.inNamespace;
import static io.cassguard.engine.fixtures.EngineFixtures.seeds;
import static io.cassguard.engine.fixtures.EngineFixtures.mutated;
import static io.cassguard.engine.fixtures.EngineFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeds spread over the racks of a datacenter, with the sibling racks taken from live state: here the
 * StatefulSets of live-state/namespace-live.yaml (namespaces two-racks, three-racks), as the controller's cache would hold them.
 */
class SeedsFromSiblingRacksTest {

    private static final String RACK2 = "reviews/statefulset-create-shop-dc1-rack2.yaml";

    @Test
    void twoRacksGiveTheFirstTwoPodsOfEach() {
        assertThat(seedsOfRack2CreatedIn("two-racks")).isEqualTo(
                "shop-dc1-rack1-0.cassandra.two-racks.svc.cluster.local,"
                        + "shop-dc1-rack1-1.cassandra.two-racks.svc.cluster.local,"
                        + "shop-dc1-rack2-0.cassandra.two-racks.svc.cluster.local,"
                        + "shop-dc1-rack2-1.cassandra.two-racks.svc.cluster.local");
    }

    @Test
    void threeOrMoreRacksGiveTheFirstPodOfTheFirstThreeRacksOfTheSameClusterAndDatacenter() {
        // rack4 is the fourth rack; shop-dc2-rack0 is another datacenter, billing-dc1-rack0 another cluster.
        assertThat(seedsOfRack2CreatedIn("three-racks")).isEqualTo(
                "shop-dc1-rack1-0.cassandra-rack1.three-racks.svc.cluster.local,"
                        + "shop-dc1-rack2-0.cassandra.three-racks.svc.cluster.local,"
                        + "shop-dc1-rack3-0.cassandra.three-racks.svc.cluster.local");
    }

    @Test
    void withNoSiblingInItsNamespaceARackSeedsFromItself() {
        assertThat(seedsOfRack2CreatedIn("new-cluster")).isEqualTo(
                "shop-dc1-rack2-0.cassandra.new-cluster.svc.cluster.local,"
                        + "shop-dc1-rack2-1.cassandra.new-cluster.svc.cluster.local,"
                        + "shop-dc1-rack2-2.cassandra.new-cluster.svc.cluster.local");
    }

    /** CASSANDRA_SEEDS of rack shop-dc1-rack2 mutated as created in {@code namespace}. */
    private static String seedsOfRack2CreatedIn(String namespace) {
        JsonNode review = inNamespace(resource(RACK2), namespace);
        return seeds(mutated(Engines.withFixtureLiveState(), review));
    }
}
