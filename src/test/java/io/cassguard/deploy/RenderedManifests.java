package io.cassguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cassguard.service.tls.DevCertificates;
import io.cassguard.service.tls.TlsFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The objects an install of cassguard renders to: a kustomization of {@code k8s/}, rendered by the real kustomize
 * inside {@code kubectl kustomize}, or the Helm chart {@code charts/cassguard}, rendered by the real {@code helm
 * template} (release {@code cassguard} in namespace {@code cassguard}, CRDs included). Kustomizations are rendered
 * from a copy of {@code k8s/}, {@code policies/} and {@code certs/Kustomization} made under {@code target/}, with a
 * development CA made for the copy, so that the local overlay's caBundle is known and the working tree is never written.
 */
final class RenderedManifests {

    static final Path COPY = Path.of("target/k8s-render");
    private static final YAMLMapper YAML = new YAMLMapper();

    private static final Map<String, RenderedManifests> RENDERED = new HashMap<>();
    private static boolean prepared;

    private final String description;
    private final List<JsonNode> objects;

    private RenderedManifests(String description, List<JsonNode> objects) {
        this.description = description;
        this.objects = objects;
    }

    /** Renders {@code k8s/<kustomization>} (e.g. {@code ""}, {@code "overlays/local"}) of the copy, once per run. */
    static synchronized RenderedManifests render(String kustomization) {
        Tool kubectl = Tool.require("kubectl");
        return RENDERED.computeIfAbsent(kustomization, k -> renderNow(kubectl, k));
    }

    private static RenderedManifests renderNow(Tool kubectl, String kustomization) {
        prepareCopy();
        Path directory = COPY.resolve("k8s").resolve(kustomization);
        return parsed(("kubectl kustomize k8s/" + kustomization).replaceAll("/$", ""), kubectl.run("kustomize", directory.toString()));
    }

    private static RenderedManifests parsed(String description, String output) {
        try {
            List<JsonNode> objects = new ArrayList<>();
            for (JsonNode document : YAML.readerFor(JsonNode.class).<JsonNode>readValues(output).readAll()) {
                if (document != null && document.isObject()) {
                    objects.add(document);
                }
            }
            return new RenderedManifests(description, objects);
        } catch (IOException e) {
            throw new UncheckedIOException(description + " printed no YAML", e);
        }
    }

    /** {@code helm template} of the chart with these further arguments (e.g. {@code --set}, {@code --name-template}), once per run. */
    static synchronized RenderedManifests chart(String... arguments) {
        Tool helm = Tool.require("helm");
        String key = "helm " + String.join(" ", arguments);
        return RENDERED.computeIfAbsent(key, k -> {
            List<String> command = new ArrayList<>(List.of("template", "cassguard", "charts/cassguard",
                    "--namespace", "cassguard", "--include-crds"));
            command.addAll(List.of(arguments));
            String description = ("helm template charts/cassguard " + String.join(" ", arguments)).trim();
            return parsed(description, helm.run(command.toArray(String[]::new)));
        });
    }

    /** Every way to install cassguard with its defaults, as the API server would receive it: for parameterised tests. */
    static Stream<RenderedManifests> installs() {
        return Stream.of(render(""), chart());
    }

    /** The development CA the copy's local overlay embeds. */
    static byte[] developmentCa() {
        prepareCopy();
        try {
            return Files.readAllBytes(COPY.resolve("certs").resolve(TlsFiles.CA));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return description;
    }

    List<JsonNode> all() {
        return objects;
    }

    List<JsonNode> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    JsonNode one(String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()) && name.equals(o.at("/metadata/name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered"));
    }

    /** Every webhook of the rendered Validating- and MutatingWebhookConfigurations. */
    List<JsonNode> webhooks(String configurationKind) {
        List<JsonNode> webhooks = new ArrayList<>();
        all(configurationKind).forEach(configuration -> configuration.path("webhooks").forEach(webhooks::add));
        return webhooks;
    }

    /** A fresh copy once per test run, so that an edit of k8s/ is always what gets rendered. */
    private static synchronized void prepareCopy() {
        if (prepared) {
            return;
        }
        try {
            deleteTree(COPY);
            copyTree(Path.of("k8s"), COPY.resolve("k8s"));
            copyTree(Path.of("policies"), COPY.resolve("policies"));
            Files.createDirectories(COPY.resolve("certs"));
            Files.copy(Path.of("certs/Kustomization"), COPY.resolve("certs/Kustomization"), StandardCopyOption.REPLACE_EXISTING);
            DevCertificates.ensure(COPY.resolve("certs"));
            prepared = true;
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare " + COPY, e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
