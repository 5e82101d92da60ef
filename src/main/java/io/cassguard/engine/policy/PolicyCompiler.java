package io.cassguard.engine.policy;

import io.cassguard.model.GuardrailPolicy;
import io.cassguard.model.GuardrailPolicySpec;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.model.FieldError;
import io.cassguard.engine.mutations.Mutation;
import io.cassguard.model.Action;
import io.cassguard.engine.rules.Rule;
import io.cassguard.model.SelfValidating;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a GuardrailPolicy document into a {@link CompiledPolicy}, or reports every field that is wrong. A policy
 * is all or nothing: a broken one is never half-applied.
 */
public class PolicyCompiler {

    private final Catalog catalog;
    /** Strict: an unknown field in a policy is a mistake the admin wants to hear about, not to have ignored. */
    private final ObjectMapper strict;

    public PolicyCompiler(Catalog catalog) {
        this.catalog = catalog;
        this.strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    public CompiledPolicy compile(JsonNode document, String source) throws InvalidPolicyException {
        List<FieldError> errors = new ArrayList<>();
        GuardrailPolicy policy = read(document, errors);
        if (policy == null) {
            throw new InvalidPolicyException(errors);
        }
        if (!GuardrailPolicy.API_VERSION.equals(policy.getApiVersion()) || !"GuardrailPolicy".equals(policy.getKind())) {
            errors.add(new FieldError("apiVersion", "must be " + GuardrailPolicy.API_VERSION + " with kind GuardrailPolicy"));
        }
        if (policy.getMetadata() == null || policy.getMetadata().getName() == null || policy.getMetadata().getName().isBlank()) {
            errors.add(new FieldError("metadata.name", "is required"));
        }
        GuardrailPolicySpec spec = policy.getSpec() != null ? policy.getSpec() : new GuardrailPolicySpec();
        errors.addAll(LabelSelectors.problems(spec.match.namespaceSelector, "spec.match.namespaceSelector"));
        errors.addAll(LabelSelectors.problems(spec.match.objectSelector, "spec.match.objectSelector"));
        List<ConfiguredRule<?>> rules = compileRules(spec, errors);
        List<ConfiguredMutation<?>> mutations = compileMutations(spec, errors);
        if (!errors.isEmpty()) {
            throw new InvalidPolicyException(errors);
        }
        Long generation = policy.getMetadata().getGeneration();
        return new CompiledPolicy(policy.getMetadata().getName(), source, generation == null ? 0 : generation,
                spec, rules, mutations);
    }

    /** The settings every rule and mutation has when no policy says otherwise. */
    public CompiledPolicy builtInDefaults() {
        List<FieldError> errors = new ArrayList<>();
        GuardrailPolicySpec spec = new GuardrailPolicySpec();
        return new CompiledPolicy("built-in-defaults", "built-in", 0, spec,
                compileRules(spec, errors), compileMutations(spec, errors));
    }

    private GuardrailPolicy read(JsonNode document, List<FieldError> errors) {
        if (document == null || !document.isObject()) {
            errors.add(new FieldError("", "a policy must be an object"));
            return null;
        }
        try {
            return strict.treeToValue(document, GuardrailPolicy.class);
        } catch (JsonMappingException e) {
            errors.add(FieldError.of("", e));
        } catch (Exception e) {
            errors.add(new FieldError("", "cannot be read as a GuardrailPolicy"));
        }
        return null;
    }

    private List<ConfiguredRule<?>> compileRules(GuardrailPolicySpec spec, List<FieldError> errors) {
        spec.rules.keySet().stream()
                .filter(name -> catalog.ruleByPolicyName(name).isEmpty())
                .forEach(name -> errors.add(new FieldError("spec.rules." + name,
                        "unknown rule; known rules: " + String.join(", ", catalog.rules().stream().map(Rule::policyName).toList()))));
        List<ConfiguredRule<?>> compiled = new ArrayList<>();
        for (Rule<?> rule : catalog.rules()) {
            compiled.add(configure(rule, settings(spec.rules, rule.policyName()), errors));
        }
        return compiled;
    }

    private <P> ConfiguredRule<P> configure(Rule<P> rule, ObjectNode settings, List<FieldError> errors) {
        String path = "spec.rules." + rule.policyName();
        Action action = action(settings.remove("action"), rule.defaultAction(), path, errors);
        return new ConfiguredRule<>(rule, action, parameters(settings, rule.parametersType(), path, errors));
    }

    private List<ConfiguredMutation<?>> compileMutations(GuardrailPolicySpec spec, List<FieldError> errors) {
        spec.mutations.keySet().stream()
                .filter(name -> catalog.mutationByPolicyName(name).isEmpty())
                .forEach(name -> errors.add(new FieldError("spec.mutations." + name, "unknown mutation; known mutations: "
                        + String.join(", ", catalog.mutations().stream().map(Mutation::policyName).toList()))));
        List<ConfiguredMutation<?>> compiled = new ArrayList<>();
        for (Mutation<?> mutation : catalog.mutations()) {
            compiled.add(configure(mutation, settings(spec.mutations, mutation.policyName()), errors));
        }
        return compiled;
    }

    private <P> ConfiguredMutation<P> configure(Mutation<P> mutation, ObjectNode settings, List<FieldError> errors) {
        String path = "spec.mutations." + mutation.policyName();
        JsonNode enabled = settings.remove("enabled");
        if (enabled != null && !enabled.isBoolean()) {
            errors.add(new FieldError(path + ".enabled", "must be true or false"));
        }
        boolean isEnabled = enabled == null || enabled.asBoolean(true);
        return new ConfiguredMutation<>(mutation, isEnabled, parameters(settings, mutation.parametersType(), path, errors));
    }

    /** A copy of the settings of one rule or mutation; none, or left blank in YAML, means its defaults. */
    private ObjectNode settings(Map<String, ObjectNode> section, String name) {
        ObjectNode given = section.get(name);
        return given == null ? strict.createObjectNode() : given.deepCopy();
    }

    private static Action action(JsonNode value, Action defaultAction, String path, List<FieldError> errors) {
        if (value == null) {
            return defaultAction;
        }
        Optional<Action> action = Arrays.stream(Action.values()).filter(a -> a.name().equals(value.asText())).findFirst();
        if (action.isEmpty() || !value.isTextual()) {
            errors.add(new FieldError(path + ".action", "must be one of Enforce, Warn, Audit, Disabled"));
            return defaultAction;
        }
        return action.get();
    }

    private <P> P parameters(ObjectNode settings, Class<P> type, String path, List<FieldError> errors) {
        try {
            P parameters = strict.treeToValue(settings, type);
            if (parameters instanceof SelfValidating validating) {
                validating.problems().forEach(problem ->
                        errors.add(new FieldError(path + "." + problem.path(), problem.problem())));
            }
            return parameters;
        } catch (JsonMappingException e) {
            errors.add(FieldError.of(path, e));
        } catch (Exception e) {
            errors.add(new FieldError(path, "cannot be read"));
        }
        return null;
    }
}
