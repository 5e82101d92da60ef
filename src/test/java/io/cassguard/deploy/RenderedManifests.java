package io.cassguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cassguard.tls.DevCertificates;

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
 * The objects a kustomization of {@code k8s/} renders to, rendered by the real kustomize inside {@code kubectl
 * kustomize}. It renders a copy of {@code k8s/}, {@code policies/} and {@code certs/Kustomization} made under
 * {@code target/}, with a development CA made for the copy, so that the local overlay's caBundle is known and the
 * working tree is never written.
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
        String output = kubectl.run("kustomize", directory.toString());
        try {
            List<JsonNode> objects = new ArrayList<>();
            for (JsonNode document : YAML.readerFor(JsonNode.class).<JsonNode>readValues(output).readAll()) {
                if (document != null && document.isObject()) {
                    objects.add(document);
                }
            }
            return new RenderedManifests(("kubectl kustomize k8s/" + kustomization).replaceAll("/$", ""), objects);
        } catch (IOException e) {
            throw new UncheckedIOException("kubectl kustomize " + directory + " printed no YAML", e);
        }
    }

    /** Every way to install cassguard, rendered as the API server would receive it: for parameterised tests. */
    static Stream<RenderedManifests> installs() {
        return Stream.of(render(""));
    }

    /** The development CA the copy's local overlay embeds. */
    static byte[] developmentCa() {
        prepareCopy();
        try {
            return Files.readAllBytes(COPY.resolve("certs").resolve(DevCertificates.CA_CERT));
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
