package io.cassguard.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec of a {@link GuardrailPolicy}. Rule and mutation settings stay JSON here: their shape belongs to
 * each rule and mutation, and the {@link PolicyCompiler} reads them into the rule's own parameter type.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public class GuardrailPolicySpec {

    /** The highest priority among the matching policies wins; ties go to the first name in order. */
    public int priority;
    public Match match = new Match();
    public Exemptions exemptions = new Exemptions();
    public Overrides overrides = new Overrides();
    /** Mutate StatefulSets owned by a CassandraCluster (an operator that owns them would fight the webhook). */
    public boolean mutateOperatorOwned;
    public Map<String, ObjectNode> rules = new LinkedHashMap<>();
    public Map<String, ObjectNode> mutations = new LinkedHashMap<>();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public static class Match {
        /** Empty: every namespace. */
        public List<String> namespaces = new ArrayList<>();
        public List<String> excludeNamespaces = new ArrayList<>();
        public LabelSelector namespaceSelector;
        public LabelSelector objectSelector;
    }

    /** Requests from these users or groups skip validation (e.g. the operator writing back a spec). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public static class Exemptions {
        public List<String> users = new ArrayList<>();
        public List<String> groups = new ArrayList<>();
    }

    /** Who may use the {@code cassguard.io/override} annotation. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public static class Overrides {
        public List<String> allowedUsers = new ArrayList<>();
        public List<String> allowedGroups = new ArrayList<>(List.of("system:masters"));
    }
}
