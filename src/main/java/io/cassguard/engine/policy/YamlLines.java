package io.cassguard.engine.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** Finds the line of a field path in a YAML file, so that a policy error names the line to fix. */
public final class YamlLines {

    private final List<Node> documents = new ArrayList<>();

    YamlLines(String yaml) {
        new Yaml(new SafeConstructor(new LoaderOptions())).composeAll(new StringReader(yaml)).forEach(documents::add);
    }

    /** The 1-based line of {@code path} (e.g. {@code spec.rules.scaleDownStep.action}) in a document, or of its deepest known parent. */
    int lineOf(int document, String path) {
        if (document >= documents.size()) {
            return 1;
        }
        Node node = documents.get(document);
        int line = node.getStartMark().getLine() + 1;
        for (String segment : path.replace("[", ".[").split("\\.")) {
            Node next = child(node, segment);
            if (next == null) {
                break;
            }
            node = next;
            line = node.getStartMark().getLine() + 1;
        }
        return line;
    }

    /** What the YAML parser found, without the source excerpt its message quotes. */
    public static String problem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked) {
            return marked.getContext() == null ? marked.getProblem() : marked.getContext() + ": " + marked.getProblem();
        }
        return e.getOriginalMessage().lines().findFirst().orElse("");
    }

    private static Node child(Node node, String segment) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(segment)) {
                    return tuple.getValueNode();
                }
            }
        } else if (node instanceof SequenceNode sequence && segment.startsWith("[") && segment.endsWith("]")) {
            int index = Integer.parseInt(segment.substring(1, segment.length() - 1));
            return index < sequence.getValue().size() ? sequence.getValue().get(index) : null;
        }
        return null;
    }
}
