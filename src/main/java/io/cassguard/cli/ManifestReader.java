package io.cassguard.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cassguard.engine.policy.YamlLines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads manifests as {@code kubectl apply -f} takes them: multi-document YAML or JSON (plain files, {@code helm
 * template} and {@code kustomize build} output with comments, {@code ---} separators and empty documents), and
 * {@code List} kinds, whose items are the objects. Each object keeps the line it starts on.
 */
final class ManifestReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    /** The namespace of an object that names none: {@code --namespace}, else {@code default}, as kubectl does. */
    private final String namespace;
    private final boolean namespaceGiven;

    ManifestReader(String namespace) {
        this.namespaceGiven = namespace != null;
        this.namespace = namespace == null ? "default" : namespace;
    }

    /** The manifest files of a path: the file itself, or the {@code .yaml}, {@code .yml} and {@code .json} files below a directory. */
    static List<Path> files(Path path) throws InputException {
        if (!Files.exists(path)) {
            throw new InputException(path + ": no such file or directory");
        }
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile).filter(file -> isManifest(file.toString())).sorted().toList();
        } catch (IOException e) {
            throw new InputException(path + ": cannot be listed: " + e.getMessage());
        }
    }

    static boolean isManifest(String file) {
        return file.endsWith(".yaml") || file.endsWith(".yml") || file.endsWith(".json");
    }

    List<Manifest> read(Path file) throws InputException {
        try {
            return read(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read: " + e.getMessage());
        }
    }

    /** The objects of one text; {@code file} names it in messages and reports. */
    List<Manifest> read(String file, String text) throws InputException {
        boolean json = file.endsWith(".json") || text.stripLeading().startsWith("{");
        List<Manifest> manifests = new ArrayList<>();
        try (JsonParser parser = (json ? JSON : YAML).createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.VALUE_NULL) {
                    continue; // an empty document: helm templates whose conditions left nothing
                }
                int line = parser.currentTokenLocation().getLineNr();
                if (token != JsonToken.START_OBJECT) {
                    throw InputException.at(file, line, "a document must be a Kubernetes object, not " + describe(token));
                }
                readDocument(file, line, parser, manifests);
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw InputException.at(file, line, "not valid " + (json ? "JSON: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    : "YAML: " + YamlLines.problem(e)));
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read: " + e.getMessage());
        }
        return manifests;
    }

    /** Reads one document field by field, so that the items of a {@code List} keep their own lines. */
    private void readDocument(String file, int line, JsonParser parser, List<Manifest> manifests) throws IOException, InputException {
        ObjectNode document = JSON.createObjectNode();
        List<Integer> itemLines = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("items") && value == JsonToken.START_ARRAY) {
                ArrayNode items = document.putArray("items");
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    itemLines.add(parser.currentTokenLocation().getLineNr());
                    items.add(tree(parser));
                }
            } else {
                document.set(field, tree(parser));
            }
        }
        if (document.path("kind").asText().endsWith("List") && document.has("items")) {
            JsonNode items = document.get("items");
            for (int i = 0; i < items.size(); i++) {
                if (!items.get(i).isObject()) {
                    throw InputException.at(file, itemLines.get(i), "items[" + i + "]: must be a Kubernetes object");
                }
                manifests.add(manifest(file, itemLines.get(i), (ObjectNode) items.get(i)));
            }
        } else {
            manifests.add(manifest(file, line, document));
        }
    }

    private static JsonNode tree(JsonParser parser) throws IOException {
        JsonNode node = JSON.readTree(parser);
        return node == null ? NullNode.getInstance() : node;
    }

    private Manifest manifest(String file, int line, ObjectNode object) throws InputException {
        String apiVersion = required(file, line, object, "apiVersion");
        String kind = required(file, line, object, "kind");
        if (!object.path("metadata").isObject()) {
            throw InputException.at(file, line, "metadata: required");
        }
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        String name = metadata.path("name").asText("");
        if (name.isEmpty()) {
            throw InputException.at(file, line, "metadata.name: required (cassguard check pairs objects by name;"
                    + " generateName is not supported)");
        }
        String objectNamespace = metadata.path("namespace").asText("");
        if (objectNamespace.isEmpty()) {
            metadata.put("namespace", namespace);
            objectNamespace = namespace;
        } else if (namespaceGiven && !objectNamespace.equals(namespace)) {
            throw InputException.at(file, line, "metadata.namespace: the namespace from the provided object \""
                    + objectNamespace + "\" does not match the namespace \"" + namespace + "\" of --namespace");
        }
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return new Manifest(new ObjectKey(group, kind, objectNamespace, name), apiVersion, file, line, object);
    }

    private static String required(String file, int line, ObjectNode object, String field) throws InputException {
        String value = object.path(field).asText("");
        if (value.isEmpty()) {
            throw InputException.at(file, line, field + ": required");
        }
        return value;
    }

    private static String describe(JsonToken token) {
        return token == JsonToken.START_ARRAY ? "a list" : "a scalar value";
    }
}
