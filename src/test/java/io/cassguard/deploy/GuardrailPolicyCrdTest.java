package io.cassguard.deploy;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cassguard.engine.mutations.Mutation;
import io.cassguard.engine.policy.Catalog;
import io.cassguard.engine.rules.Rule;
import io.cassguard.model.GuardrailPolicySpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GuardrailPolicy CRD's schema and the Java policy model cannot drift: every field of {@link GuardrailPolicySpec}
 * and every parameter of every rule and mutation of the catalog (under {@code spec.rules.<policyName>} and
 * {@code spec.mutations.<policyName>}, beside {@code action} and {@code enabled}) is in the schema with its OpenAPI
 * type, and the schema has no spec field the model lacks. Both sides are flattened into one map of path to type:
 * {@code spec.match.namespaces[]} for the items of a list, {@code spec.rules.versionSkip.paths.*} for a map's values.
 */
class GuardrailPolicyCrdTest {

    private static final Path CRD = Path.of("k8s/crds/guardrailpolicies.cassguard.io.yaml");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> MODEL = model();
    private static final Map<String, String> SCHEMA = schema();

    @Test
    void everyFieldOfThePolicySpecIsInTheSchemaWithItsType() {
        assertThat(SCHEMA).containsAllEntriesOf(only(MODEL, path -> !isSettings(path)));
    }

    @Test
    void everyRuleWithItsActionAndParametersIsInTheSchemaWithTheirTypes() {
        assertThat(SCHEMA).containsAllEntriesOf(only(MODEL, path -> path.startsWith("spec.rules.")));
    }

    @Test
    void everyMutationWithEnabledAndItsParametersIsInTheSchemaWithTheirTypes() {
        assertThat(SCHEMA).containsAllEntriesOf(only(MODEL, path -> path.startsWith("spec.mutations.")));
    }

    @Test
    void theSchemaHasNoSpecFieldTheModelLacks() {
        assertThat(MODEL.keySet()).containsAll(SCHEMA.keySet());
    }

    private static boolean isSettings(String path) {
        return path.startsWith("spec.rules.") || path.startsWith("spec.mutations.");
    }

    private static Map<String, String> only(Map<String, String> fields, Predicate<String> path) {
        Map<String, String> kept = new TreeMap<>();
        fields.forEach((field, type) -> {
            if (path.test(field)) {
                kept.put(field, type);
            }
        });
        return kept;
    }

    /** The policy model as the compiler reads it: the spec, then the settings of each rule and mutation of the catalog. */
    private static Map<String, String> model() {
        Map<String, String> fields = new TreeMap<>();
        addModel("spec", MAPPER.constructType(GuardrailPolicySpec.class), fields);
        Catalog catalog = Catalog.standard();
        for (Rule<?> rule : catalog.rules()) {
            String path = "spec.rules." + rule.policyName();
            fields.put(path, "object");
            fields.put(path + ".action", "string");
            addProperties(path, MAPPER.constructType(rule.parametersType()), fields);
        }
        for (Mutation<?> mutation : catalog.mutations()) {
            String path = "spec.mutations." + mutation.policyName();
            fields.put(path, "object");
            fields.put(path + ".enabled", "boolean");
            addProperties(path, MAPPER.constructType(mutation.parametersType()), fields);
        }
        return fields;
    }

    private static void addModel(String path, JavaType type, Map<String, String> fields) {
        if (JsonNode.class.isAssignableFrom(type.getRawClass())) {
            return; // the settings of one rule or mutation: read by the catalog's parameter types
        }
        String openApiType = openApiType(type);
        fields.put(path, openApiType);
        if (type.isCollectionLikeType()) {
            addModel(path + "[]", type.getContentType(), fields);
        } else if (type.isMapLikeType()) {
            addModel(path + ".*", type.getContentType(), fields);
        } else if (openApiType.equals("object")) {
            addProperties(path, type, fields);
        }
    }

    private static void addProperties(String path, JavaType bean, Map<String, String> fields) {
        for (BeanPropertyDefinition property : MAPPER.getDeserializationConfig().introspect(bean).findProperties()) {
            if (property.hasField() || property.hasSetter()) {
                addModel(path + "." + property.getName(), property.getPrimaryType(), fields);
            }
        }
    }

    private static String openApiType(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class || raw == short.class) {
            return "integer";
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return "number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        if (raw == String.class || raw.isEnum()) {
            return "string";
        }
        return type.isCollectionLikeType() || type.isArrayType() ? "array" : "object";
    }

    /** The CRD's schema of {@code spec}, flattened the same way. */
    private static Map<String, String> schema() {
        try {
            JsonNode crd = new YAMLMapper().readTree(CRD.toFile());
            Map<String, String> fields = new TreeMap<>();
            addSchema("spec", crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec"), fields);
            return fields;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + CRD, e);
        }
    }

    private static void addSchema(String path, JsonNode schema, Map<String, String> fields) {
        fields.put(path, schema.path("type").asText("(no type)"));
        schema.path("properties").fields().forEachRemaining(property ->
                addSchema(path + "." + property.getKey(), property.getValue(), fields));
        if (schema.has("items")) {
            addSchema(path + "[]", schema.get("items"), fields);
        }
        if (schema.path("additionalProperties").isObject()) {
            addSchema(path + ".*", schema.get("additionalProperties"), fields);
        }
    }
}
