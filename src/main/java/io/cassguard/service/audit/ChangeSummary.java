package io.cassguard.service.audit;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cassguard.model.AdmissionRequest;
import io.cassguard.model.Operation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The short {@code change} of an update's audit record, e.g. {@code nodesPerRacks 3->1} or
 * {@code image cassandra:3.11.4->cassandra:5.0.2}: the few fields of each kind that the guardrails are about,
 * compared between the old and the new object as they came in the review (so that it works for objects that
 * cannot be read as their kind, too).
 */
final class ChangeSummary {

    private record Field(String label, Function<JsonNode, JsonNode> value) {
    }

    private static final List<Field> CASSANDRA_CLUSTER = List.of(
            at("nodesPerRacks", "/spec/nodesPerRacks"),
            at("cassandraImage", "/spec/cassandraImage"),
            at("serverVersion", "/spec/serverVersion"),
            at("dataCapacity", "/spec/dataCapacity"),
            at("dataStorageClass", "/spec/dataStorageClass"));
    private static final List<String> DATACENTER_FIELDS = List.of("nodesPerRacks", "numTokens", "dataCapacity",
            "dataStorageClass");
    private static final List<Field> STATEFULSET = List.of(
            at("replicas", "/spec/replicas"),
            new Field("image", ChangeSummary::cassandraImage),
            at("serviceName", "/spec/serviceName"),
            at("storage", "/spec/volumeClaimTemplates/0/spec/resources/requests/storage"));
    private static final List<Field> SCALE = List.of(at("replicas", "/spec/replicas"));
    private static final JsonPointer CONTAINERS = JsonPointer.compile("/spec/template/spec/containers");
    private static final JsonPointer DATACENTERS = JsonPointer.compile("/spec/topology/dc");
    private static final Map<String, List<Field>> BY_KIND = Map.of(
            "CassandraCluster", CASSANDRA_CLUSTER, "StatefulSet", STATEFULSET, "Scale", SCALE);

    private ChangeSummary() {
    }

    /** The changed fields of an update, comma-separated; null for other operations or when none of them changed. */
    static String of(AdmissionRequest request) {
        if (request.operation() != Operation.UPDATE || request.object() == null || request.oldObject() == null) {
            return null;
        }
        List<String> changes = new ArrayList<>();
        for (Field field : BY_KIND.getOrDefault(request.kind(), List.of())) {
            compare(field.label(), field.value().apply(request.oldObject()), field.value().apply(request.object()), changes);
        }
        if ("CassandraCluster".equals(request.kind())) {
            compareDatacenters(request.oldObject(), request.object(), changes);
        }
        return changes.isEmpty() ? null : String.join(", ", changes);
    }

    /** The pointer is parsed here, once: {@code JsonNode.at(String)} parses it again on every record. */
    private static Field at(String label, String pointer) {
        JsonPointer compiled = JsonPointer.compile(pointer);
        return new Field(label, object -> object.at(compiled));
    }

    /** The image of the container named cassandra, else of the first container. */
    private static JsonNode cassandraImage(JsonNode statefulSet) {
        JsonNode containers = statefulSet.at(CONTAINERS);
        for (JsonNode container : containers) {
            if ("cassandra".equals(container.path("name").asText())) {
                return container.path("image");
            }
        }
        return containers.path(0).path("image");
    }

    /** Per datacenter, by name: added or removed DCs, their sizes and storage, and their racks. */
    private static void compareDatacenters(JsonNode oldCluster, JsonNode newCluster, List<String> changes) {
        Map<String, JsonNode> before = datacenters(oldCluster);
        Map<String, JsonNode> after = datacenters(newCluster);
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            JsonNode oldDc = before.get(name);
            JsonNode newDc = after.get(name);
            if (oldDc == null || newDc == null) {
                changes.add("dc " + name + (oldDc == null ? " added" : " removed"));
                continue;
            }
            for (String field : DATACENTER_FIELDS) {
                compare(name + "." + field, oldDc.path(field), newDc.path(field), changes);
            }
            compare(name + ".racks", rackNames(oldDc), rackNames(newDc), changes);
        }
    }

    private static Map<String, JsonNode> datacenters(JsonNode cluster) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        cluster.at(DATACENTERS).forEach(dc -> byName.put(dc.path("name").asText(""), dc));
        return byName;
    }

    private static JsonNode rackNames(JsonNode datacenter) {
        List<String> names = new ArrayList<>();
        datacenter.path("rack").forEach(rack -> names.add(rack.path("name").asText("")));
        return names.isEmpty() ? MissingNode.getInstance()
                : TextNode.valueOf(String.join(",", names));
    }

    private static void compare(String label, JsonNode before, JsonNode after, List<String> changes) {
        if (!before.equals(after)) {
            changes.add(label + " " + text(before) + "->" + text(after));
        }
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "unset" : value.isValueNode() ? value.asText() : value.toString();
    }
}
