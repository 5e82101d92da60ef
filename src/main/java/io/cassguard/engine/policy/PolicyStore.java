package io.cassguard.engine.policy;

import io.cassguard.model.GuardrailPolicySpec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cassguard.model.FieldError;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The policies in force: the files of {@code cassguard.policies.dir} (reloaded when they change) and, in-cluster,
 * the GuardrailPolicy objects, which win over a file policy of the same name. A file that stops parsing keeps
 * its last good policies in force and its problem is logged with file, line and field.
 */
public class PolicyStore {

    private static final Logger LOG = Logger.getLogger(PolicyStore.class);
    private static final Comparator<CompiledPolicy> PRECEDENCE =
            Comparator.comparingInt(CompiledPolicy::priority).reversed().thenComparing(CompiledPolicy::name);

    private final PolicyCompiler compiler;
    private final Path directory;
    private final YAMLMapper yaml = new YAMLMapper();
    private final CompiledPolicy builtInDefaults;

    private final Map<Path, List<CompiledPolicy>> lastGoodByFile = new TreeMap<>();
    private final Map<Path, String> problemsByFile = new TreeMap<>();
    private Map<String, CompiledPolicy> clusterPolicies = Map.of();
    private String fingerprint = "";
    private volatile List<CompiledPolicy> inForce = List.of();

    /** @param directory the policy files; a directory that does not exist holds none */
    public PolicyStore(PolicyCompiler compiler, Path directory) {
        this.compiler = compiler;
        this.directory = directory;
        this.builtInDefaults = compiler.builtInDefaults();
    }

    public Path directory() {
        return directory;
    }

    /** Loads the files that changed since the last call (all of them the first time). */
    public synchronized void reloadIfChanged() {
        List<Path> files = policyFiles();
        String current = fingerprint(files);
        if (current.equals(fingerprint)) {
            return;
        }
        fingerprint = current;
        lastGoodByFile.keySet().retainAll(files);
        problemsByFile.keySet().retainAll(files);
        files.forEach(this::load);
        publish();
    }

    /** The policy that decides for an object: the matching one with the highest priority, then the first name. */
    public Optional<CompiledPolicy> select(String namespace, Map<String, String> objectLabels,
                                           Optional<Map<String, String>> namespaceLabels) {
        Map<String, String> nsLabels = namespaceLabels.orElse(Map.of("kubernetes.io/metadata.name", namespace));
        return inForce.stream().filter(policy -> matches(policy.spec().match, namespace, objectLabels, nsLabels)).findFirst();
    }

    /** Every policy in force, highest precedence first. */
    public List<CompiledPolicy> policies() {
        return inForce;
    }

    /** The policy files that do not load now, with what is wrong (their last good policies stay in force). */
    public synchronized Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        problemsByFile.forEach((file, problem) -> problems.put(file.toString(), problem));
        return problems;
    }

    /** In-cluster GuardrailPolicy objects, already compiled; they replace the previous set. */
    public synchronized void replaceClusterPolicies(Collection<CompiledPolicy> policies) {
        Map<String, CompiledPolicy> byName = new LinkedHashMap<>();
        policies.forEach(policy -> byName.put(policy.name(), policy));
        clusterPolicies = byName;
        publish();
    }

    private void load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            reject(file, "cannot be read: " + e.getMessage());
            return;
        }
        List<CompiledPolicy> policies = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<JsonNode> documents;
        try {
            documents = yaml.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll();
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            reject(file, "line " + line + ": not valid YAML: " + YamlLines.problem(e));
            return;
        } catch (IOException e) {
            reject(file, "cannot be read: " + e.getMessage());
            return;
        }
        YamlLines lines = new YamlLines(text);
        for (int i = 0; i < documents.size(); i++) {
            JsonNode document = documents.get(i);
            if (document == null || document.isNull() || document.isMissingNode()) {
                continue;
            }
            try {
                policies.add(compiler.compile(document, file.toString()));
            } catch (InvalidPolicyException e) {
                for (FieldError error : e.errors()) {
                    problems.add("line " + lines.lineOf(i, error.path()) + ": " + error);
                }
            } catch (RuntimeException e) {
                // a defect of cassguard, not of the file: still, the file is refused and the last good policy stays
                LOG.errorf(e, "policy document %d of %s could not be compiled", i + 1, file);
                problems.add("document " + (i + 1) + " could not be compiled (" + e.getClass().getSimpleName()
                        + "); the cassguard log has the details");
            }
        }
        if (!problems.isEmpty()) {
            reject(file, String.join("; ", problems));
            return;
        }
        problemsByFile.remove(file);
        lastGoodByFile.put(file, policies);
    }

    private void reject(Path file, String problem) {
        problemsByFile.put(file, problem);
        boolean keeping = lastGoodByFile.containsKey(file);
        LOG.errorf("policy file %s: %s (%s)", file, problem,
                keeping ? "its last good policies stay in force" : "nothing from this file is in force");
    }

    private void publish() {
        Map<String, CompiledPolicy> byName = new LinkedHashMap<>();
        lastGoodByFile.values().forEach(policies -> policies.forEach(policy -> {
            CompiledPolicy earlier = byName.putIfAbsent(policy.name(), policy);
            if (earlier != null) {
                LOG.warnf("policy %s in %s ignored: %s defines it already", policy.name(), policy.source(), earlier.source());
            }
        }));
        byName.putAll(clusterPolicies);
        List<CompiledPolicy> policies = byName.isEmpty() ? List.of(builtInDefaults) : new ArrayList<>(byName.values());
        inForce = policies.stream().sorted(PRECEDENCE).toList();
    }

    private List<Path> policyFiles() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            LOG.errorf("cannot list policy directory %s: %s", directory, e.getMessage());
            return List.copyOf(lastGoodByFile.keySet());
        }
    }

    private static String fingerprint(List<Path> files) {
        StringBuilder fingerprint = new StringBuilder();
        for (Path file : files) {
            try {
                fingerprint.append(file).append(':').append(Files.getLastModifiedTime(file).toMillis())
                        .append(':').append(Files.size(file)).append('\n');
            } catch (IOException e) {
                fingerprint.append(file).append(":unreadable\n");
            }
        }
        return fingerprint.toString();
    }

    private static boolean matches(GuardrailPolicySpec.Match match, String namespace, Map<String, String> objectLabels,
                                   Map<String, String> namespaceLabels) {
        if (!match.namespaces.isEmpty() && !match.namespaces.contains(namespace)) {
            return false;
        }
        if (match.excludeNamespaces.contains(namespace)) {
            return false;
        }
        if (match.namespaceSelector != null && !LabelSelectors.matches(match.namespaceSelector, namespaceLabels)) {
            return false;
        }
        return match.objectSelector == null || LabelSelectors.matches(match.objectSelector, objectLabels);
    }
}
