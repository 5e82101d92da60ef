package io.cassguard.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cassguard.admission.AdmissionRequest;
import io.cassguard.admission.Operation;
import io.cassguard.guarded.GuardedRequest;
import io.cassguard.guarded.GuardedRequestReader;
import io.cassguard.guarded.MalformedObjectException;
import io.cassguard.policy.Catalog;
import io.cassguard.policy.CompiledPolicy;
import io.cassguard.policy.RuleSettings;
import io.cassguard.rules.Action;
import io.cassguard.rules.Rule;
import io.cassguard.rules.RuleContext;
import io.cassguard.rules.ValidationEngine;
import io.cassguard.rules.Violation;
import io.cassguard.state.LiveState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Background evaluation of a live guarded object (DESIGN §8): the real rules judge it as if it were created as it
 * is now, e.g. an unpinned image or a StatefulSet at 0 replicas. Each rule that applies gives one result: pass, or
 * one result per violation (fail; warn for a warning-only finding or a rule in Warn mode), or error when the rule
 * fails. Exemptions and overrides belong to requests, not to objects, and play no part here.
 */
@ApplicationScoped
public class BackgroundChecks {

    /** Who the synthetic requests come from, should a rule ever look. */
    static final String USER = "system:cassguard:background-check";
    private static final Logger LOG = Logger.getLogger(BackgroundChecks.class);

    private final GuardedRequestReader reader;
    private final Catalog catalog;
    private final LiveState liveState;
    private final ObjectMapper mapper;

    public BackgroundChecks(GuardedRequestReader reader, Catalog catalog, LiveState liveState, ObjectMapper mapper) {
        this.reader = reader;
        this.catalog = catalog;
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
        List<PolicyReport.Result> results = new ArrayList<>();
        for (Rule<?> rule : catalog.rules()) {
            RuleSettings settings = policy.settings(rule);
            if (settings.action() != Action.Disabled && rule.appliesTo(request.get())) {
                results.addAll(check(rule, settings, request.get(), object, policy));
            }
        }
        return results;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<PolicyReport.Result> check(Rule rule, RuleSettings settings, GuardedRequest request, HasMetadata object,
                                            CompiledPolicy policy) {
        List<Violation> violations;
        try {
            violations = rule.check(new RuleContext<>(request, settings.parameters(), liveState));
        } catch (RuntimeException e) {
            LOG.errorf(e, "background check of rule %s failed on %s", rule.id(), request.objectName());
            return List.of(result(object, policy, rule.id(), settings.action(), PolicyReport.RESULT_ERROR,
                    "could not be evaluated (" + e.getClass().getSimpleName() + "); the cassguard log has the details"));
        }
        if (violations.isEmpty()) {
            return List.of(result(object, policy, rule.id(), settings.action(), PolicyReport.RESULT_PASS, "passed"));
        }
        return violations.stream().map(violation -> result(object, policy, rule.id(), settings.action(),
                violation.warningOnly() || settings.action() == Action.Warn ? PolicyReport.RESULT_WARN : PolicyReport.RESULT_FAIL,
                violation.message())).toList();
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
