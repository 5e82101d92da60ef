package io.cassguard.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The corpus of real, public Cassandra manifests nobody on this project wrote ({@code ../shared/corpus} from the
 * repository root, with its origins in PROVENANCE.md), read in place and never copied into the repository. CI has
 * it; elsewhere the tests that read it are skipped with a message saying so, except when {@code CI=true}, where its
 * absence fails them.
 */
public final class Corpus {

    public static final Path ROOT = Path.of("../shared/corpus");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One object of a corpus file.
     *
     * @param file the file, relative to the corpus root
     */
    public record Manifest(String file, JsonNode object) {

        public String kind() {
            return object.path("kind").asText();
        }

        @Override
        public String toString() {
            return file;
        }
    }

    private Corpus() {
    }

    /** Every object of every YAML file under {@code folder} (relative to the corpus root), by file name. */
    public static List<Manifest> manifests(String folder) {
        requirePresent();
        try (Stream<Path> files = Files.walk(ROOT.resolve(folder))) {
            List<Manifest> manifests = new ArrayList<>();
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                readAll(file).forEach(object -> manifests.add(new Manifest(ROOT.relativize(file).toString(), object)));
            }
            return manifests;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * CassKop's kuttl e2e steps ({@code casskop/sequences/<origin>__<test>__<NN>-<step>.yaml}) grouped per test in
     * step order, each step applied as kuttl applies it: step 00 is the whole object, later steps are merge patches
     * onto the object as it then is. Each entry is the object after that step.
     */
    public static Map<String, List<Manifest>> sequences() {
        Map<String, List<Manifest>> sequences = new TreeMap<>();
        for (Manifest step : manifests("casskop/sequences")) {
            if (!"CassandraCluster".equals(step.kind())) {
                continue;
            }
            String name = Path.of(step.file()).getFileName().toString();
            String test = name.substring(0, name.lastIndexOf("__"));
            List<Manifest> steps = sequences.computeIfAbsent(test, key -> new ArrayList<>());
            JsonNode object = steps.isEmpty() ? step.object() : mergePatch(steps.get(steps.size() - 1).object(), step.object());
            steps.add(new Manifest(step.file(), object));
        }
        return sequences;
    }

    /** RFC 7386 JSON merge patch, what {@code kubectl apply} of a partial object amounts to for a custom resource. */
    public static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? target.deepCopy() : JSON.createObjectNode();
        patch.fields().forEachRemaining(field -> {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
            }
        });
        return result;
    }

    /** Skips the calling test when the corpus is absent, or fails it under CI, which must have it. */
    public static void requirePresent() {
        if (Files.isDirectory(ROOT)) {
            return;
        }
        String message = "the corpus of real manifests is not at " + ROOT.toAbsolutePath().normalize()
                + " (../shared/corpus from the repository root)";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + "; CI must provide it");
        }
        abort(message + ": corpus tests skipped");
    }

    /** Every document of a file, read as the API server receives it from kubectl (YAML anchors and aliases resolved). */
    private static List<JsonNode> readAll(Path file) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (document instanceof Map<?, ?>) {
                    objects.add(JSON.valueToTree(document));
                }
            }
        }
        return objects;
    }
}
