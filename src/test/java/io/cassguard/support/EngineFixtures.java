package io.cassguard.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.engine.cluster.GuardedRequestReader;
import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.decision.Engine;
import io.cassguard.engine.mutations.Mutation;
import io.cassguard.engine.policy.Catalog;
import io.cassguard.engine.policy.CompiledPolicy;
import io.cassguard.engine.policy.ConfiguredMutation;
import io.cassguard.engine.policy.ConfiguredRule;
import io.cassguard.engine.policy.PolicyCompiler;
import io.cassguard.engine.rules.RuleContext;
import io.cassguard.engine.rules.Violation;
import io.cassguard.model.AdmissionRequest;
import io.cassguard.service.admission.ReviewParser;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine without Quarkus, on the fixtures of {@code src/test/resources}: a review read as the webhook reads it,
 * then one rule or one mutation of the built-in defaults (the settings of {@code policies/default.yaml}) run on it.
 */
public final class EngineFixtures {

    /** Every rule and mutation at its default action and parameters. */
    public static final CompiledPolicy DEFAULTS = new PolicyCompiler(Catalog.standard()).builtInDefaults();

    private static final ObjectMapper MAPPER = Engine.objectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private EngineFixtures() {
    }

    /** A YAML or JSON file of src/test/resources, e.g. {@code reviews/statefulset-create-bare.yaml}. */
    public static JsonNode resource(String path) {
        try (InputStream in = EngineFixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The AdmissionReview {@code reviews/<fixture>.yaml}. */
    public static JsonNode review(String fixture) {
        return resource("reviews/" + fixture + ".yaml");
    }

    /** A review's request as the webhook's own parser reads it (a plain object: no Quarkus involved). */
    public static AdmissionRequest admission(JsonNode review) {
        try {
            return new ReviewParser(MAPPER, 100).parse(review.toString().getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("not a review: " + review, e);
        }
    }

    /** A review read into its guarded kind; fails when cassguard would not guard it. */
    public static GuardedRequest guarded(JsonNode review, LiveState liveState) {
        try {
            return new GuardedRequestReader(MAPPER, liveState).read(admission(review))
                    .orElseThrow(() -> new AssertionError("cassguard does not guard " + review.path("request")));
        } catch (Exception e) {
            throw new AssertionError("cannot read " + review.path("request"), e);
        }
    }

    /** Whether the rule has anything to say about the request of {@code reviews/<fixture>.yaml}. */
    public static boolean applies(String rule, String fixture) {
        return DEFAULTS.rule(rule).rule().appliesTo(guarded(review(fixture), LiveState.NONE));
    }

    /** What one rule finds, standalone (nothing known of the live cluster), in {@code reviews/<fixture>.yaml}. */
    public static List<Violation> violations(String rule, String fixture) {
        return violations(rule, fixture, LiveState.NONE);
    }

    /** What one rule finds in {@code reviews/<fixture>.yaml}, with its default parameters; it must apply. */
    public static List<Violation> violations(String rule, String fixture, LiveState liveState) {
        ConfiguredRule<?> configured = DEFAULTS.rule(rule);
        GuardedRequest request = guarded(review(fixture), liveState);
        if (!configured.rule().appliesTo(request)) {
            throw new AssertionError(rule + " does not apply to " + fixture);
        }
        return configured.check(new RuleContext<>(request, null, liveState));
    }

    /**
     * What one rule finds in a datacenter as it runs now, the way the controller's background check asks it: about
     * a live CassandraCluster that declares no replication factor.
     */
    public static List<Violation> background(String rule, ClusterState datacenter, LiveState liveState) {
        GuardedRequest live = guarded(review("cassandracluster-create-pinned-allowed"), liveState);
        return DEFAULTS.rule(rule).checkDatacenter(datacenter, new RuleContext<>(live, null, liveState));
    }

    /** One mutation run on a copy of the StatefulSet of a review, as many times as {@link #apply()} is called. */
    public static final class MutationRun {

        private final ConfiguredMutation<?> mutation;
        private final GuardedRequest request;
        private final LiveState liveState;
        private final StatefulSet statefulSet;
        private final List<String> warnings = new ArrayList<>();

        private MutationRun(ConfiguredMutation<?> mutation, GuardedRequest request, LiveState liveState) {
            this.mutation = mutation;
            this.request = request;
            this.liveState = liveState;
            this.statefulSet = MAPPER.convertValue(MAPPER.valueToTree(request.newAs(StatefulSet.class)), StatefulSet.class);
        }

        /** Applies the mutation once more; whether it added anything. */
        public boolean apply() {
            return mutation.apply(request, liveState, statefulSet, warnings);
        }

        /** What the runs so far warned of. */
        public List<String> warnings() {
            return warnings;
        }

        /** The StatefulSet as the mutations so far left it. */
        public StatefulSet statefulSet() {
            return statefulSet;
        }

        /** Applies the mutation once more; whether it said it added nothing and indeed left the StatefulSet as it was. */
        public boolean changesNothing() {
            JsonNode before = json();
            return !apply() && json().equals(before);
        }

        /** The StatefulSet as JSON, for comparing parts of it with YAML of {@code expected/}. */
        public JsonNode json() {
            return MAPPER.valueToTree(statefulSet);
        }
    }

    /** A mutation of the built-in defaults, standalone, on {@code reviews/<fixture>.yaml}. */
    public static MutationRun mutation(String mutation, String fixture) {
        return mutation(mutation, review(fixture), LiveState.NONE);
    }

    /** A mutation of the built-in defaults on the StatefulSet of a review, with what is known of the live cluster. */
    public static MutationRun mutation(String mutation, JsonNode review, LiveState liveState) {
        return new MutationRun(DEFAULTS.mutation(mutation), guarded(review, liveState), liveState);
    }

    /** A mutation with the given parameters, standalone, on the StatefulSet of a review. */
    public static <P> MutationRun mutation(Mutation<P> mutation, P parameters, JsonNode review) {
        return new MutationRun(new ConfiguredMutation<>(mutation, true, parameters), guarded(review, LiveState.NONE),
                LiveState.NONE);
    }
}
