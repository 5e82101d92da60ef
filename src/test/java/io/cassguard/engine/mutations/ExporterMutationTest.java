package io.cassguard.engine.mutations;

import io.cassguard.engine.fixtures.EngineFixtures.MutationRun;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.cassguard.engine.fixtures.EngineFixtures.mutation;
import static io.cassguard.engine.fixtures.EngineFixtures.resource;
import static io.cassguard.engine.fixtures.EngineFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code exporter}: the JMX exporter sidecar and the annotations that let Prometheus scrape it. */
class ExporterMutationTest {

    private static final String MUTATION = "exporter";
    private static final String SIDECAR = "/spec/template/spec/containers/1";

    @Test
    void addsTheExporterSidecarWithItsDefaults() {
        MutationRun run = mutation(MUTATION, "statefulset-create-bare");

        assertThat(run.apply()).isTrue();
        assertThat(run.json().at(SIDECAR)).isEqualTo(resource("expected/statefulset-bare-mutated.yaml").at(SIDECAR));
    }

    @Test
    void annotatesThePodTemplateForPrometheus() {
        MutationRun run = mutation(MUTATION, "statefulset-create-bare");

        run.apply();

        assertThat(run.statefulSet().getSpec().getTemplate().getMetadata().getAnnotations())
                .isEqualTo(Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "8080"));
    }

    @Test
    void runsThePolicysImageOnItsPortWithItsRequests() {
        ExporterMutation.Parameters parameters = new ExporterMutation.Parameters();
        parameters.image = "registry.example/cassandra_exporter:2.3.8";
        parameters.port = 9500;
        parameters.resources.requests = Map.of("cpu", "50m", "memory", "128Mi");
        MutationRun run = mutation(new ExporterMutation(), parameters, review("statefulset-create-bare"));

        run.apply();

        assertThat(run.json().at(SIDECAR)).isEqualTo(resource("expected/exporter-on-9500.yaml"));
    }

    @Test
    void addsNoSecondListenerOnAPortAContainerAlreadyUses() {
        MutationRun run = mutation(MUTATION, "statefulset-create-management-api-on-8080");

        assertThat(run.changesNothing()).isTrue();
    }
}
