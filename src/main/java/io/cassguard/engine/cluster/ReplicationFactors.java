package io.cassguard.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cassguard.engine.cluster.Annotations;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The replication factor a cluster declares in annotation {@code cassguard.io/replication-factor}: one number for
 * every datacenter ({@code "3"}) or a JSON map per datacenter ({@code {"dc1":3,"dc2":5}}).
 */
public final class ReplicationFactors {

    public static final ReplicationFactors NONE = new ReplicationFactors(null, Map.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Integer everyDatacenter;
    private final Map<String, Integer> perDatacenter;

    private ReplicationFactors(Integer everyDatacenter, Map<String, Integer> perDatacenter) {
        this.everyDatacenter = everyDatacenter;
        this.perDatacenter = perDatacenter;
    }

    /** Reads the annotation's value; null means none declared. */
    public static ReplicationFactors parse(String value) throws InvalidReplicationFactorException {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        String text = value.strip();
        if (text.matches("\\d{1,4}")) {
            return new ReplicationFactors(positive(Integer.parseInt(text), value), Map.of());
        }
        JsonNode map;
        try {
            map = JSON.readTree(text);
        } catch (Exception e) {
            throw new InvalidReplicationFactorException(value);
        }
        if (map == null || !map.isObject()) {
            throw new InvalidReplicationFactorException(value);
        }
        Map<String, Integer> factors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = map.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isInt()) {
                throw new InvalidReplicationFactorException(value);
            }
            factors.put(field.getKey(), positive(field.getValue().intValue(), value));
        }
        return new ReplicationFactors(null, factors);
    }

    private static int positive(int factor, String value) throws InvalidReplicationFactorException {
        if (factor < 1) {
            throw new InvalidReplicationFactorException(value);
        }
        return factor;
    }

    /** The replication factor declared for a datacenter, if any. */
    public OptionalInt of(String datacenter) {
        Integer factor = everyDatacenter != null ? everyDatacenter : perDatacenter.get(datacenter);
        return factor == null ? OptionalInt.empty() : OptionalInt.of(factor);
    }

    /** The annotation holds something else than a positive number or a JSON map of them. */
    public static class InvalidReplicationFactorException extends Exception {

        public InvalidReplicationFactorException(String value) {
            super("annotation " + Annotations.REPLICATION_FACTOR + " \"" + value + "\" is neither a number (\"3\") nor a JSON map"
                    + " per datacenter ({\"dc1\":3}) of numbers of at least 1", null, false, false);
        }
    }
}
