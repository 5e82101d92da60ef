package io.cassguard.engine.mutations;

import com.fasterxml.jackson.databind.JsonNode;
import io.cassguard.engine.fixtures.Engines;
import io.cassguard.engine.decision.Decision;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.StreamSupport;

import static io.cassguard.engine.fixtures.EngineFixtures.inNamespace;
import static io.cassguard.engine.fixtures.EngineFixtures.seeds;
import static io.cassguard.engine.fixtures.EngineFixtures.admission;
import static io.cassguard.engine.fixtures.EngineFixtures.mutated;
import static io.cassguard.engine.fixtures.EngineFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Policies switch mutations off, set their parameters and allow operator-owned StatefulSets; each namespace here
 * has a policy in test-policies/mutation-settings.yaml that changes one setting.
 */
class MutationPolicyTest {

    private static final String BARE = "reviews/statefulset-create-bare.yaml";

    @Test
    void aMutationDisabledByThePolicyIsNotInjected() {
        JsonNode mutated = mutatedIn("no-exporter", BARE);

        assertThat(containerNames(mutated)).containsExactly("cassandra");
        assertThat(mutated.at("/spec/template/metadata/annotations").isMissingNode()).isTrue();
        assertThat(mutated.at("/metadata/annotations/cassguard.io~1mutations").asText())
                .isEqualTo("anti-affinity,drain-hook,seeds");
    }

    @Test
    void softAntiAffinityIsAPreferenceOfWeight100() {
        JsonNode mutated = mutatedIn("cassandra", BARE);

        assertThat(mutated.at("/spec/template/spec/affinity")).isEqualTo(resource("expected/affinity-soft.yaml"));
    }

    @Test
    void hardAntiAffinityIsARequirement() {
        JsonNode mutated = mutatedIn("hard-anti-affinity", BARE);

        assertThat(mutated.at("/spec/template/spec/affinity")).isEqualTo(resource("expected/affinity-hard.yaml"));
    }

    @Test
    void theExporterServesOnThePolicysPortWithThePolicysImageAndResources() {
        JsonNode mutated = mutatedIn("exporter-on-9500", BARE);

        assertThat(mutated.at("/spec/template/spec/containers/1")).isEqualTo(resource("expected/exporter-on-9500.yaml"));
        assertThat(mutated.at("/spec/template/metadata/annotations/prometheus.io~1port").asText()).isEqualTo("9500");
    }

    @Test
    void seedsUseThePolicysClusterDomain() {
        JsonNode mutated = mutatedIn("custom-cluster-domain", BARE);

        assertThat(seeds(mutated)).isEqualTo("cassandra-0.cassandra.custom-cluster-domain.svc.k8s.example.internal,"
                + "cassandra-1.cassandra.custom-cluster-domain.svc.k8s.example.internal,"
                + "cassandra-2.cassandra.custom-cluster-domain.svc.k8s.example.internal");
    }

    @Test
    void anOperatorOwnedStatefulSetIsMutatedWhenThePolicySaysMutateOperatorOwned() {
        JsonNode mutated = mutatedIn("operator-owned-mutated", "reviews/statefulset-create-operator-owned.yaml");

        assertThat(mutated).isEqualTo(resource("expected/statefulset-operator-owned-mutated.yaml"));
    }

    @Test
    void aRackCassOperatorMadeIsNeverMutatedForCassOperatorWouldUndoIt() {
        JsonNode review = inNamespace(resource("reviews/statefulset-create-cass-operator-owned.yaml"), "operator-owned-mutated");

        assertThat(mutated(Engines.standalone(), review)).isEqualTo(review.at("/request/object"));
    }

    @Test
    void mutationParametersNoPodCouldRunWithAreRefusedWithTheirFieldPaths() {
        Decision decision = Engines.standalone().validation()
                .validate(admission(resource("reviews/guardrailpolicy-with-bad-mutation-parameters.yaml")));

        assertThat(decision.isAllowed()).isFalse();
        assertThat(decision.denialMessage())
                .startsWith("[malformed-object] GuardrailPolicy bad-mutations is invalid: ")
                .contains("spec.mutations.antiAffinity.mode: must be soft or hard")
                .contains("spec.mutations.seeds.clusterDomain: must be a DNS name such as cluster.local")
                .contains("spec.mutations.drainHook.minTerminationGracePeriodSeconds: must be 0 or more")
                .contains("spec.mutations.exporter.image: must name an image")
                .contains("spec.mutations.exporter.port: must be between 1 and 65535")
                .contains("spec.mutations.exporter.resources.requests.cpu: \"lots\" is not a Kubernetes quantity such as 100m or 256Mi")
                .contains("spec.mutations.exporter.resources.requests.memory: must not be above resources.limits.memory");
    }

    private static JsonNode mutatedIn(String namespace, String fixture) {
        JsonNode review = inNamespace(resource(fixture), namespace);
        return mutated(Engines.standalone(), review);
    }

    private static List<String> containerNames(JsonNode statefulSet) {
        return StreamSupport.stream(statefulSet.at("/spec/template/spec/containers").spliterator(), false)
                .map(container -> container.path("name").asText()).toList();
    }
}
