package io.cassguard.engine.mutations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.stream.StreamSupport;

/** Variations of review fixtures and readings of mutated StatefulSets, for the mutation tests. */
final class MutationReviews {

    private MutationReviews() {
    }

    /** A copy of a review as sent for another namespace, where a test policy of that name may apply. */
    static JsonNode inNamespace(JsonNode review, String namespace) {
        ObjectNode copy = review.deepCopy();
        ((ObjectNode) copy.get("request")).put("namespace", namespace);
        ((ObjectNode) copy.at("/request/object/metadata")).put("namespace", namespace);
        return copy;
    }

    /** The value of CASSANDRA_SEEDS on the cassandra container of a StatefulSet, or null. */
    static String seeds(JsonNode statefulSet) {
        return StreamSupport.stream(statefulSet.at("/spec/template/spec/containers/0/env").spliterator(), false)
                .filter(env -> "CASSANDRA_SEEDS".equals(env.path("name").asText()))
                .map(env -> env.path("value").asText())
                .findFirst().orElse(null);
    }
}
