package io.cassguard.engine.policy;

import io.cassguard.model.FieldError;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Kubernetes label selector semantics: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist). */
final class LabelSelectors {

    private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

    private LabelSelectors() {
    }

    /** What makes a selector unusable, checked when a policy is compiled so that matching never meets it. */
    static List<FieldError> problems(LabelSelector selector, String path) {
        if (selector == null) {
            return List.of();
        }
        List<FieldError> problems = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            selector.getMatchLabels().forEach((key, value) -> {
                if (value == null) {
                    problems.add(new FieldError(path + ".matchLabels." + key, "must be a string"));
                }
            });
        }
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        for (int i = 0; i < expressions.size(); i++) {
            LabelSelectorRequirement requirement = expressions.get(i);
            String at = path + ".matchExpressions[" + i + "]";
            if (requirement == null || requirement.getKey() == null || requirement.getKey().isBlank()) {
                problems.add(new FieldError(at + ".key", "is required"));
                continue;
            }
            boolean listsValues = requirement.getValues() != null && !requirement.getValues().isEmpty();
            boolean needsValues = "In".equals(requirement.getOperator()) || "NotIn".equals(requirement.getOperator());
            if (requirement.getOperator() == null || !OPERATORS.contains(requirement.getOperator())) {
                problems.add(new FieldError(at + ".operator", "must be one of In, NotIn, Exists, DoesNotExist"));
            } else if (needsValues != listsValues) {
                problems.add(new FieldError(at + ".values", listsValues
                        ? "must be empty for " + requirement.getOperator() : "must list at least one value for " + requirement.getOperator()));
            }
        }
        return problems;
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null
                && !selector.getMatchLabels().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        return selector.getMatchExpressions() == null
                || selector.getMatchExpressions().stream().allMatch(requirement -> matches(requirement, labels));
    }

    private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        return switch (requirement.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> labels.containsKey(requirement.getKey());
            case "DoesNotExist" -> !labels.containsKey(requirement.getKey());
            default -> false;
        };
    }
}
