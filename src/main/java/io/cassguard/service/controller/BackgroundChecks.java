package io.cassguard.service.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cassguard.model.AdmissionRequest;
import io.cassguard.model.Operation;
import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.engine.cluster.GuardedRequestReader;
import io.cassguard.model.MalformedObjectException;
import io.cassguard.engine.policy.Catalog;
import io.cassguard.engine.policy.CompiledPolicy;
import io.cassguard.engine.policy.RuleSettings;
import io.cassguard.model.Action;
import io.cassguard.engine.rules.DatacenterCheck;
import io.cassguard.engine.rules.Rule;
import io.cassguard.engine.rules.RuleContext;
import io.cassguard.engine.decision.ValidationEngine;
import io.cassguard.engine.rules.Violation;
import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.cluster.ClusterView;
import io.cassguard.engine.cluster.ClusterViews;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Background evaluation of a live guarded object (DESIGN §8) by the real rules: they judge it as if it were created
 * as it is now (e.g. an unpinned image), and the rules that are {@link DatacenterCheck}s judge the live state of its
 * datacenters (e.g. a datacenter below its minimum size, racks left on different versions). Each rule that has
 * something to judge gives one result: pass, or one per violation, or error when the rule fails. Exemptions and
 * overrides belong to requests, not to objects, and play no part here.
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
        List<ClusterState> datacenters = datacenters(object);
        List<PolicyReport.Result> results = new ArrayList<>();
        for (Rule<?> rule : catalog.rules()) {
            RuleSettings settings = policy.settings(rule);
            boolean judgesObject = rule.appliesTo(request.get());
            boolean judgesDatacenters = rule instanceof DatacenterCheck && !datacenters.isEmpty();
            if (settings.action() == Action.Disabled || !judgesObject && !judgesDatacenters) {
                continue;
            }
            try {
                List<Violation> violations = new ArrayList<>();
                if (judgesObject) {
                    violations.addAll(check(rule, settings, request.get()));
                }
                if (judgesDatacenters) {
                    datacenters.forEach(dc -> violations.addAll(checkDatacenter(rule, settings, dc, request.get())));
                }
                results.addAll(results(object, policy, rule, settings.action(), violations));
            } catch (RuntimeException e) {
                LOG.errorf(e, "background check of rule %s failed on %s", rule.id(), request.get().objectName());
                results.add(result(object, policy, rule.id(), settings.action(), PolicyReport.RESULT_ERROR,
                        "could not be evaluated (" + e.getClass().getSimpleName() + "); the cassguard log has the details"));
            }
        }
        return results;
    }

    /** The live state of the datacenters the object is part of: a rack's one, or each of a CassandraCluster's. */
    private List<ClusterState> datacenters(HasMetadata object) {
        ClusterView view = ClusterViews.of(object, object.getMetadata().getNamespace(), liveState);
        return view.datacenters().stream()
                .map(dc -> liveState.clusterState(view.namespace(), view.cluster(), dc.name()))
                .flatMap(Optional::stream)
                .toList();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Violation> check(Rule rule, RuleSettings settings, GuardedRequest request) {
        return rule.check(new RuleContext<>(request, settings.parameters(), liveState));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Violation> checkDatacenter(Rule<?> rule, RuleSettings settings, ClusterState datacenter,
                                                   GuardedRequest request) {
        return ((DatacenterCheck) rule).checkDatacenter(datacenter, request.annotations(), settings.parameters());
    }

    /** One result per violation (fail; warn for a warning-only finding or a rule in Warn mode), or one pass. */
    private static List<PolicyReport.Result> results(HasMetadata object, CompiledPolicy policy, Rule<?> rule, Action action,
                                                     List<Violation> violations) {
        if (violations.isEmpty()) {
            return List.of(result(object, policy, rule.id(), action, PolicyReport.RESULT_PASS, "passed"));
        }
        return violations.stream().map(violation -> result(object, policy, rule.id(), action,
                violation.warningOnly() || action == Action.Warn ? PolicyReport.RESULT_WARN : PolicyReport.RESULT_FAIL,
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
