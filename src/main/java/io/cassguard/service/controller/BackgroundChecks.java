package io.cassguard.service.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cassguard.model.AdmissionRequest;
import io.cassguard.model.Operation;
import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.engine.cluster.GuardedRequestReader;
import io.cassguard.model.MalformedObjectException;
import io.cassguard.engine.policy.CompiledPolicy;
import io.cassguard.model.Action;
import io.cassguard.engine.rules.RuleContext;
import io.cassguard.engine.decision.RuleResult;
import io.cassguard.engine.decision.RuleRunner;
import io.cassguard.engine.decision.ValidationEngine;
import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.cluster.ClusterView;
import io.cassguard.engine.cluster.ClusterViews;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Background evaluation of a live guarded object (docs/architecture.md) by the real rules: they judge it as if it were created
 * as it is now (e.g. an unpinned image), and the rules that judge datacenters judge the live state of its
 * datacenters (e.g. a datacenter below its minimum size, racks left on different versions). Each rule that has
 * something to judge gives one result: pass, or one per violation, or error when the rule fails. Exemptions and
 * overrides belong to requests, not to objects, and play no part here.
 */
@ApplicationScoped
public class BackgroundChecks {

    /** Who the synthetic requests come from, should a rule ever look. */
    static final String USER = "system:cassguard:background-check";

    private final GuardedRequestReader reader;
    private final RuleRunner runner;
    private final LiveState liveState;
    private final ObjectMapper mapper;

    public BackgroundChecks(GuardedRequestReader reader, RuleRunner runner, LiveState liveState, ObjectMapper mapper) {
        this.reader = reader;
        this.runner = runner;
        this.liveState = liveState;
        this.mapper = mapper;
    }

    public List<PolicyReport.Result> evaluate(HasMetadata object, CompiledPolicy policy) {
        Optional<GuardedRequest> request;
        try {
            request = reader.read(asCreate(object));
        } catch (MalformedObjectException e) {
            return List.of(result(object, policy, ValidationEngine.MALFORMED_OBJECT, Action.Enforce,
                    PolicyReport.RESULT_ERROR, e.getMessage()));
        }
        if (request.isEmpty()) {
            return List.of();
        }
        RuleContext<?> context = new RuleContext<>(request.get(), null, liveState, policy.ignoredKeyspaces());
        return runner.run(context, policy, datacenters(object)).stream()
                .map(result -> result(object, policy, result.ruleId(), result.action(), outcome(result), result.message()))
                .toList();
    }

    /** The live state of the datacenters the object is part of: a rack's one, or each of a CassandraCluster's. */
    private List<ClusterState> datacenters(HasMetadata object) {
        ClusterView view = ClusterViews.of(object, object.getMetadata().getNamespace(), liveState);
        return view.datacenters().stream()
                .map(dc -> liveState.clusterState(view.namespace(), view.cluster(), dc.name()))
                .flatMap(Optional::stream)
                .toList();
    }

    /** A pass; a warning for a warning-only finding or a rule in Warn mode; an error when the rule failed; else fail. */
    private static String outcome(RuleResult result) {
        if (result.failed()) {
            return PolicyReport.RESULT_ERROR;
        }
        return switch (result.verdict()) {
            case ALLOWED -> PolicyReport.RESULT_PASS;
            case WARNED -> PolicyReport.RESULT_WARN;
            default -> PolicyReport.RESULT_FAIL;
        };
    }

    /** The live object as the object of a CREATE request. */
    private AdmissionRequest asCreate(HasMetadata object) {
        String apiVersion = object.getApiVersion();
        int slash = apiVersion.indexOf('/');
        return new AdmissionRequest("background-" + object.getMetadata().getUid(),
                slash < 0 ? "" : apiVersion.substring(0, slash), apiVersion.substring(slash + 1), object.getKind(),
                HasMetadata.getPlural(object.getClass()), "", Operation.CREATE, object.getMetadata().getNamespace(),
                object.getMetadata().getName(), USER, List.of(), true, mapper.valueToTree(object), null);
    }

    private static PolicyReport.Result result(HasMetadata object, CompiledPolicy policy, String rule, Action action,
                                              String outcome, String message) {
        PolicyReport.Result result = new PolicyReport.Result();
        result.policy = policy.name();
        result.rule = rule;
        result.result = outcome;
        result.message = message;
        result.resources.add(reference(object));
        result.properties.put(PolicyReport.ORIGIN, PolicyReport.ORIGIN_BACKGROUND);
        result.properties.put("action", action.name());
        return result;
    }

    private static ObjectReference reference(HasMetadata object) {
        return new ObjectReferenceBuilder().withApiVersion(object.getApiVersion()).withKind(object.getKind())
                .withNamespace(object.getMetadata().getNamespace()).withName(object.getMetadata().getName())
                .withUid(object.getMetadata().getUid()).build();
    }
}
