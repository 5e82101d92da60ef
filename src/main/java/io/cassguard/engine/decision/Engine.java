package io.cassguard.engine.decision;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cassguard.engine.cluster.GuardedRequestReader;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.policy.Catalog;
import io.cassguard.engine.policy.PolicyCompiler;
import io.cassguard.engine.policy.PolicyStore;

import java.nio.file.Path;

/**
 * The engine assembled, as the webhook, the controller and {@code cassguard check} each use it: one catalog of rules
 * and mutations, the policies of one directory, and whatever live state the caller knows.
 */
public record Engine(Catalog catalog, PolicyCompiler compiler, PolicyStore policies, GuardedRequestReader reader,
                     RuleRunner runner, ValidationEngine validation, MutationEngine mutation, ObjectMapper mapper) {

    /**
     * @param policiesDirectory the policy files (loaded at once; call {@code policies().reloadIfChanged()} again to
     *                          pick up changes)
     * @param liveState         what is known of the live cluster; {@link LiveState#NONE} when nothing is
     */
    public static Engine create(Path policiesDirectory, LiveState liveState) {
        ObjectMapper mapper = objectMapper();
        Catalog catalog = Catalog.standard();
        PolicyCompiler compiler = new PolicyCompiler(catalog);
        PolicyStore policies = new PolicyStore(compiler, policiesDirectory);
        policies.reloadIfChanged();
        GuardedRequestReader reader = new GuardedRequestReader(mapper, liveState);
        RuleRunner runner = new RuleRunner();
        return new Engine(catalog, compiler, policies, reader, runner,
                new ValidationEngine(reader, policies, compiler, runner, liveState),
                new MutationEngine(reader, policies, liveState, mapper), mapper);
    }

    /** How the engine reads Kubernetes objects: fields it does not know are the API server's business, not errors. */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
