package io.cassguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.support.Corpus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CassKop-compatible CRD of {@code k8s/crds/casskop}, as kustomize renders it, serves what real CassKop manifests
 * use: both versions, and a schema that every CassandraCluster of the corpus fits, as the API server would check it
 * (including each state CassKop's own e2e steps leave the object in).
 */
class CasskopCrdTest {

    private final JsonNode crd = RenderedManifests.render("overlays/casskop-crd")
            .one("CustomResourceDefinition", "cassandraclusters.db.orange.com");

    @Test
    void servesV1alpha1AndV2AndStoresOne() {
        assertThat(StreamSupport.stream(crd.at("/spec/versions").spliterator(), false)
                .filter(version -> version.path("served").asBoolean()).map(version -> version.path("name").asText()))
                .containsExactly("v1alpha1", "v2");
        assertThat(StreamSupport.stream(crd.at("/spec/versions").spliterator(), false)
                .filter(version -> version.path("storage").asBoolean())).hasSize(1);
    }

    @Test
    void everyCassandraClusterOfTheCorpusFitsTheSchemaOfItsVersion() {
        List<Corpus.Manifest> clusters = new ArrayList<>(Corpus.manifests("casskop").stream()
                .filter(manifest -> "CassandraCluster".equals(manifest.kind())).toList());
        Corpus.sequences().values().forEach(clusters::addAll);

        List<String> problems = new ArrayList<>();
        for (Corpus.Manifest cluster : clusters) {
            String version = cluster.object().path("apiVersion").asText().replace("db.orange.com/", "");
            JsonNode schema = schemaOf(version);
            if (schema == null) {
                problems.add(cluster.file() + ": version " + version + " is not served");
            } else {
                ObjectNode object = cluster.object().deepCopy();
                object.remove("metadata"); // the API server checks metadata itself
                fits(object, schema, cluster.file() + ":", problems);
            }
        }

        assertThat(clusters).hasSizeGreaterThan(40);
        assertThat(problems).isEmpty();
    }

    private JsonNode schemaOf(String version) {
        for (JsonNode served : crd.at("/spec/versions")) {
            if (served.path("name").asText().equals(version) && served.path("served").asBoolean()) {
                return served.at("/schema/openAPIV3Schema");
            }
        }
        return null;
    }

    /** The checks of a structural schema that a manifest can fail: types, enums, and fields no schema declares. */
    private static void fits(JsonNode value, JsonNode schema, String path, List<String> problems) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                problems.add(path + " is neither an integer nor a string");
            }
            return;
        }
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
        String type = schema.path("type").asText();
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(path + " is not an object");
                    return;
                }
                for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
                    JsonNode declared = schema.path("properties").has(field.getKey())
                            ? schema.path("properties").path(field.getKey()) : schema.path("additionalProperties");
                    if (declared.isObject()) {
                        fits(field.getValue(), declared, path + "." + field.getKey(), problems);
                    } else if (!preserveUnknown) {
                        problems.add(path + "." + field.getKey() + " is not declared (the API server would drop it)");
                    }
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(path + " is not an array");
                    return;
                }
                int index = 0;
                for (JsonNode item : value) {
                    fits(item, schema.path("items"), path + "[" + index++ + "]", problems);
                }
            }
            case "string" -> check(value.isTextual(), path + " is not a string", problems);
            case "integer" -> check(value.isIntegralNumber(), path + " is not an integer", problems);
            case "number" -> check(value.isNumber(), path + " is not a number", problems);
            case "boolean" -> check(value.isBoolean(), path + " is not a boolean", problems);
            default -> check(preserveUnknown, path + ": schema without a type", problems);
        }
        if (schema.has("enum") && StreamSupport.stream(schema.path("enum").spliterator(), false).noneMatch(value::equals)) {
            problems.add(path + " " + value + " is not one of " + schema.path("enum"));
        }
    }

    private static void check(boolean fits, String problem, List<String> problems) {
        if (!fits) {
            problems.add(problem);
        }
    }
}
