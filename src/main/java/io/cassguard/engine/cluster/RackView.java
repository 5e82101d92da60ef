package io.cassguard.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * One rack: a StatefulSet of Cassandra nodes.
 *
 * @param nodes     the rack's size; a negative size (which no schema may have caught) runs no node, so it counts as 0
 * @param sibling   the rack is not part of the object under review but another StatefulSet of the same datacenter,
 *                  known from the live state; its size is the same before and after the change
 * @param numTokens the tokens per node in effect for the rack, with the setting that gives them; null when the
 *                  object does not say (a StatefulSet without {@code CASSANDRA_NUM_TOKENS}, a sibling rack, a
 *                  CassandraDatacenter that leaves it to its image)
 */
public record RackView(String name, int nodes, boolean sibling, NumTokens numTokens) {

    /**
     * A token count and where it comes from.
     *
     * @param field the setting, e.g. {@code config.cassandra-yaml.num_tokens}; null for the operator's default
     */
    public record NumTokens(String count, String field) {

        private static final String NUM_TOKENS = "num_tokens";

        /**
         * The count an operator's {@code config} map sets in its cassandra.yaml section ({@code cassandra-yaml} for
         * CassKop and cass-operator, {@code cassandraYaml} for k8ssandra-operator), with the setting's path.
         */
        static Optional<NumTokens> in(JsonNode config, String section) {
            JsonNode tokens = config == null ? null : config.path(section).get(NUM_TOKENS);
            return tokens == null || tokens.isNull() ? Optional.empty()
                    : Optional.of(new NumTokens(tokens.asText(), "config." + section + "." + NUM_TOKENS));
        }
    }

    public RackView {
        nodes = Math.max(0, nodes);
    }

    /** The token count, or null when the object does not say. */
    public String tokenCount() {
        return numTokens == null ? null : numTokens.count();
    }
}
