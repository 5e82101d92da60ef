package io.cassguard.service.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.cassguard.engine.fixtures.EngineFixtures.admission;
import static io.cassguard.engine.fixtures.EngineFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code change} of an update's audit record: the guarded fields that changed, old -> new. */
class ChangeSummaryTest {

    @Test
    void aCassandraClusterUpdateNamesSizeImageAndTopologyChanges() {
        assertThat(ChangeSummary.of(admission(resource("reviews/cassandracluster-scale-down-by-exempt-operator.yaml"))))
                .isEqualTo("nodesPerRacks 3->1, cassandraImage cassandra:3.11.4->cassandra:4.0.1,"
                        + " dc1.racks rack1,rack2->rack1, dc dc2 removed");
    }

    @Test
    void aStatefulSetUpdateNamesTheCassandraImage() {
        assertThat(ChangeSummary.of(admission(resource("reviews/statefulset-update-image-bare.yaml"))))
                .isEqualTo("image cassandra:3.11.4->cassandra:5.0.2");
    }

    @Test
    void aScaleNamesItsReplicas() {
        assertThat(ChangeSummary.of(admission(resource("reviews/statefulset-scale-subresource-3-to-1-refused.yaml"))))
                .isEqualTo("replicas 3->1");
    }

    @Test
    void aValueThatCannotBeReadIsShownAsSent() {
        assertThat(ChangeSummary.of(admission(resource("reviews/cassandracluster-update-nodes-not-a-number.yaml"))))
                .isEqualTo("nodesPerRacks 3->three");
    }

    @Test
    void anUpdateOfNoWatchedFieldHasNoChange() {
        JsonNode review = resource("reviews/statefulset-update-image-bare.yaml");
        ObjectNode request = (ObjectNode) review.get("request");
        request.set("object", request.get("oldObject").deepCopy());

        assertThat(ChangeSummary.of(admission(review))).isNull();
    }

    @Test
    void onlyUpdatesHaveAChange() {
        assertThat(ChangeSummary.of(admission(resource("reviews/statefulset-delete-unprotected.yaml")))).isNull();
        assertThat(ChangeSummary.of(admission(resource("reviews/statefulset-create-bare.yaml")))).isNull();
    }

}
