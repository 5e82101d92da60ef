package io.cassguard.service.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.cassguard.model.Operation;
import io.cassguard.model.Verdict;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One audit record (docs/audit.md): who tried what, when, and what cassguard decided. Written as one JSON line
 * with the fields in this order; {@code change} is set for updates only.
 *
 * @param rules    the ids of the rules (or mutations) behind the decision, each once
 * @param messages what the user was told: the lines of the denial or warnings, or what was injected
 * @param policy   the GuardrailPolicy that decided, null when none did (e.g. a malformed object)
 * @param results  what each of {@code rules} did in this request ({@code denied}, {@code warned},
 *                 {@code overridden}, {@code audited}, {@code mutated}); null in records written before it existed
 */
@RegisterForReflection
@JsonPropertyOrder({"time", "uid", "operation", "kind", "subResource", "namespace", "name", "user", "groups",
        "decision", "rules", "messages", "dryRun", "policy", "change", "results"})
public record AuditRecord(
        Instant time,
        String uid,
        Operation operation,
        String kind,
        String subResource,
        String namespace,
        String name,
        String user,
        List<String> groups,
        Verdict decision,
        List<String> rules,
        List<String> messages,
        boolean dryRun,
        String policy,
        String change,
        // absent, rather than null, in a record written before it existed and read back
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Verdict> results) {

    /**
     * What {@code rule} did in this request. A record written before {@code results} existed names only its
     * decision: a rule it names is taken to have done that.
     */
    public Verdict result(String rule) {
        return results == null ? decision : results.getOrDefault(rule, decision);
    }

    /** {@code kind namespace/name}, as the report names the object ({@code Scale} for {@code kubectl scale}). */
    public String object() {
        return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }
}
