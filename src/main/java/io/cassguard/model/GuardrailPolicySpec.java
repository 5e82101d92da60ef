package io.cassguard.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.LabelSelector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec of a {@link GuardrailPolicy}. Rule and mutation settings stay JSON here: their shape belongs to
 * each rule and mutation, and the {@link PolicyCompiler} reads them into the rule's own parameter type.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GuardrailPolicySpec {

    /** The highest priority among the matching policies wins; ties go to the first name in order. */
    public int priority;
    // A section left blank in YAML (`match:`) reads as null: it means the section's defaults, as if absent.
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    public Match match = new Match();
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    public Exemptions exemptions = new Exemptions();
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    public Overrides overrides = new Overrides();
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    public Operators operators = new Operators();
    /**
     * Mutate StatefulSets that an operator controls (any controller ownerReference): an operator that owns them would
     * fight the webhook on every reconcile.
     */
    public boolean mutateOperatorOwned;
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    public Cassandra cassandra = new Cassandra();
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    public Map<String, ObjectNode> rules = new LinkedHashMap<>();
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    public Map<String, ObjectNode> mutations = new LinkedHashMap<>();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Match {
        /** Empty: every namespace. */
        @JsonSetter(nulls = Nulls.AS_EMPTY, contentNulls = Nulls.FAIL)
        public List<String> namespaces = new ArrayList<>();
        @JsonSetter(nulls = Nulls.AS_EMPTY, contentNulls = Nulls.FAIL)
        public List<String> excludeNamespaces = new ArrayList<>();
        public LabelSelector namespaceSelector;
        public LabelSelector objectSelector;
    }

    /** Requests from these users or groups skip validation (e.g. the operator writing back a spec). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Exemptions {
        @JsonSetter(nulls = Nulls.AS_EMPTY, contentNulls = Nulls.FAIL)
        public List<String> users = new ArrayList<>();
        @JsonSetter(nulls = Nulls.AS_EMPTY, contentNulls = Nulls.FAIL)
        public List<String> groups = new ArrayList<>();
    }

    /**
     * The operators' own identities (docs/kinds.md): what they, and the garbage collector, do to the StatefulSets they
     * control, and k8ssandra-operator to the CassandraDatacenters it generates, is judged through the owning resource,
     * not again on the object it writes. The defaults are the service accounts of CassKop, of cass-operator as its
     * kustomize install, its Helm chart and k8ssandra-operator's chart name it, and of k8ssandra-operator. A {@code *} in a user name stands
     * for one segment of it (no {@code :}), so {@code system:serviceaccount:*:casskop} is the service account
     * {@code casskop} in any namespace.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Operators {
        @JsonSetter(nulls = Nulls.AS_EMPTY, contentNulls = Nulls.FAIL)
        public List<String> users = new ArrayList<>(List.of(
                "system:serviceaccount:*:casskop", "system:serviceaccount:*:cass-operator",
                "system:serviceaccount:*:cass-operator-controller-manager",
                "system:serviceaccount:*:k8ssandra-operator-cass-operator", "system:serviceaccount:*:k8ssandra-operator"));
        @JsonSetter(nulls = Nulls.AS_EMPTY, contentNulls = Nulls.FAIL)
        public List<String> groups = new ArrayList<>();
    }

    /** How cassguard reads the guarded Cassandra clusters themselves (docs/live-state.md). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Cassandra {
        /** A Secret in cassguard's own namespace with username, password and optional ca.crt, tls.crt, tls.key. */
        public String credentialsSecret;
        /** Keyspaces whose replication never counts: they are local to each node. */
        @JsonSetter(nulls = Nulls.AS_EMPTY, contentNulls = Nulls.FAIL)
        public List<String> ignoreKeyspaces = new ArrayList<>(List.of("system", "system_schema", "system_virtual_schema",
                "system_views"));
    }

    /** Who may use the {@code cassguard.io/override} annotation. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Overrides {
        @JsonSetter(nulls = Nulls.AS_EMPTY, contentNulls = Nulls.FAIL)
        public List<String> allowedUsers = new ArrayList<>();
        @JsonSetter(nulls = Nulls.AS_EMPTY, contentNulls = Nulls.FAIL)
        public List<String> allowedGroups = new ArrayList<>(List.of("system:masters"));
    }
}
