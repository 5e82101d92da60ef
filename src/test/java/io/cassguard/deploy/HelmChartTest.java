package io.cassguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * charts/cassguard installs what {@code kubectl apply -k k8s} installs (the safety settings of both are checked by the
 * parameterised {@link K8sManifestsTest} and {@link WebhookMatchConditionsTest}), passes {@code helm lint}, and its
 * values do what values.yaml says.
 */
class HelmChartTest {

    private static final String VALIDATING = "ValidatingWebhookConfiguration";
    private static final String MUTATING = "MutatingWebhookConfiguration";

    private final RenderedManifests kustomize = RenderedManifests.render("");
    private final RenderedManifests chart = RenderedManifests.chart();

    @Test
    void helmLintFindsNothingToReport() {
        assertThat(Tool.require("helm").run("lint", "--strict", "charts/cassguard")).contains("0 chart(s) failed");
    }

    @Test
    void theChartInstallsTheObjectsOfKustomizeExceptTheNamespace() {
        // helm installs into a namespace that exists (helm install -n cassguard --create-namespace)
        List<String> kustomized = kindsAndNames(kustomize.all());
        kustomized.remove("Namespace/cassguard");
        assertThat(kindsAndNames(chart.all())).containsExactlyInAnyOrderElementsOf(kustomized);
    }

    @Test
    void theChartsWebhooksAreThoseOfKustomizeToTheLetter() {
        for (String kind : List.of(VALIDATING, MUTATING)) {
            assertThat(chart.webhooks(kind)).as(kind).isEqualTo(kustomize.webhooks(kind));
            assertThat(chart.all(kind).get(0).at("/metadata/annotations"))
                    .isEqualTo(kustomize.all(kind).get(0).at("/metadata/annotations"));
        }
    }

    @Test
    void theChartGrantsWhatKustomizeGrants() {
        for (String kind : List.of("ClusterRole", "Role", "ClusterRoleBinding", "RoleBinding")) {
            for (JsonNode role : kustomize.all(kind)) {
                String name = role.at("/metadata/name").asText();
                JsonNode charted = chart.one(kind, name);
                assertThat(charted.path("rules")).as(kind + " " + name).isEqualTo(role.path("rules"));
                assertThat(charted.path("roleRef")).as(kind + " " + name).isEqualTo(role.path("roleRef"));
                assertThat(charted.path("subjects")).as(kind + " " + name).isEqualTo(role.path("subjects"));
            }
        }
    }

    @Test
    void theChartsCertificatesServicesBudgetAndCrdAreThoseOfKustomize() {
        for (String kind : List.of("Issuer", "Certificate", "Service", "PodDisruptionBudget", "CustomResourceDefinition")) {
            for (JsonNode object : kustomize.all(kind)) {
                String name = object.at("/metadata/name").asText();
                assertThat(chart.one(kind, name).path("spec")).as(kind + " " + name).isEqualTo(object.path("spec"));
            }
        }
    }

    @Test
    void theChartsPodIsTheKustomizedPodWithTheLeaseItsRoleNames() {
        JsonNode charted = chart.one("StatefulSet", "cassguard").path("spec").deepCopy();
        JsonNode kustomized = kustomize.one("StatefulSet", "cassguard").path("spec").deepCopy();
        // helm's own labels on the pods and the claims; the image as values.yaml names it
        for (JsonNode spec : List.of(charted, kustomized)) {
            ((ObjectNode) spec.at("/template/metadata")).remove("labels");
            ((ObjectNode) spec.at("/volumeClaimTemplates/0/metadata")).remove("labels");
        }
        assertThat(env(charted.at("/template/spec/containers/0"))).containsEntry("CASSGUARD_LEADER_LEASE_NAME", "cassguard-leader");
        assertThat(env(kustomized.at("/template/spec/containers/0"))).doesNotContainKey("CASSGUARD_LEADER_LEASE_NAME");
        removeEnv(charted.at("/template/spec/containers/0"), "CASSGUARD_LEADER_LEASE_NAME");
        assertThat(charted).isEqualTo(kustomized);
    }

    @Test
    void imageReplicasAndResourcesComeFromTheValues() {
        RenderedManifests set = RenderedManifests.chart("--set", "image.repository=registry.example.com/cassguard",
                "--set", "image.tag=0.2.0", "--set", "replicas=3", "--set", "resources.limits.memory=1Gi");
        JsonNode statefulSet = set.one("StatefulSet", "cassguard");
        JsonNode container = statefulSet.at("/spec/template/spec/containers/0");
        assertThat(container.path("image").asText()).isEqualTo("registry.example.com/cassguard:0.2.0");
        assertThat(statefulSet.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("1Gi");
        assertThat(container.at("/resources/requests/cpu").asText()).isEqualTo("100m");
    }

    @Test
    void theFailurePolicyValueSetsTheValidatingWebhooksButNeverThoseThatAlwaysFailOpen() {
        RenderedManifests ignoring = RenderedManifests.chart("--set", "webhooks.failurePolicy=Ignore");
        assertThat(ignoring.webhooks(VALIDATING)).allSatisfy(webhook ->
                assertThat(webhook.path("failurePolicy").asText()).isEqualTo("Ignore"));
        assertThat(RenderedManifests.chart().webhooks(VALIDATING)).extracting(webhook -> webhook.path("failurePolicy").asText())
                .containsExactly("Fail", "Fail", "Fail", "Fail", "Fail", "Ignore", "Fail");
        assertThat(ignoring.webhooks(MUTATING)).allSatisfy(webhook ->
                assertThat(webhook.path("failurePolicy").asText()).isEqualTo("Ignore"));
    }

    @Test
    void aNamespaceSelectorNarrowsTheWebhooksAndCassguardsOwnNamespaceStaysExcluded() {
        RenderedManifests narrowed = RenderedManifests.chart("--namespace", "guard",
                "--set", "webhooks.excludeNamespaces={kube-system,monitoring}",
                "--set-string", "webhooks.namespaceSelector.matchLabels.cassguard\\.io/guarded=true");
        for (JsonNode webhook : narrowed.webhooks(VALIDATING)) {
            if ("guardrailpolicies.validate.cassguard.io".equals(webhook.path("name").asText())) {
                assertThat(webhook.has("namespaceSelector")).isFalse(); // cluster-scoped
                continue;
            }
            assertThat(webhook.at("/namespaceSelector/matchLabels/cassguard.io~1guarded").asText()).isEqualTo("true");
            assertThat(webhook.at("/namespaceSelector/matchExpressions/0/values"))
                    .extracting(JsonNode::asText).containsExactly("kube-system", "monitoring", "guard");
        }
    }

    @Test
    void aCertificateOfYourOwnReplacesCertManager() {
        RenderedManifests own = RenderedManifests.chart("--set", "certificate.certManager=false",
                "--set", "certificate.secretName=my-tls", "--set", "certificate.caBundle=Q0EK");
        assertThat(own.all("Certificate")).isEmpty();
        assertThat(own.all("Issuer")).isEmpty();
        for (String kind : List.of(VALIDATING, MUTATING)) {
            assertThat(own.all(kind).get(0).at("/metadata/annotations").isMissingNode()).as(kind).isTrue();
            assertThat(own.webhooks(kind)).allSatisfy(webhook ->
                    assertThat(webhook.at("/clientConfig/caBundle").asText()).isEqualTo("Q0EK"));
        }
        JsonNode tls = StreamSupport.stream(own.one("StatefulSet", "cassguard").at("/spec/template/spec/volumes").spliterator(), false)
                .filter(volume -> "tls".equals(volume.path("name").asText())).findFirst().orElseThrow();
        assertThat(tls.at("/secret/secretName").asText()).isEqualTo("my-tls");
    }

    @Test
    void withoutCertManagerTheCertificateMustBeGiven() {
        assertThatThrownBy(() -> RenderedManifests.chart("--set", "certificate.certManager=false"))
                .hasMessageContaining("certificate.secretName").hasMessageContaining("certificate.caBundle");
    }

    @Test
    void theAuditClaimsTakeTheirSizeAndStorageClassFromTheValues() {
        RenderedManifests sized = RenderedManifests.chart("--set", "audit.storage.size=5Gi",
                "--set", "audit.storage.storageClassName=fast-ssd");
        JsonNode claim = sized.one("StatefulSet", "cassguard").at("/spec/volumeClaimTemplates/0/spec");
        assertThat(claim.at("/resources/requests/storage").asText()).isEqualTo("5Gi");
        assertThat(claim.path("storageClassName").asText()).isEqualTo("fast-ssd");
        // by default none: the cluster's default StorageClass
        assertThat(chart.one("StatefulSet", "cassguard").at("/spec/volumeClaimTemplates/0/spec").has("storageClassName")).isFalse();
    }

    @Test
    void valuesOfTheWrongShapeAreRefusedWithTheirName() {
        assertThatThrownBy(() -> RenderedManifests.chart("--set", "replicas=two")).hasMessageContaining("replicas");
        assertThatThrownBy(() -> RenderedManifests.chart("--set", "webhooks.failurePolicy=Sometimes"))
                .hasMessageContaining("failurePolicy");
        assertThatThrownBy(() -> RenderedManifests.chart("--set", "audit.storage.size=lots")).hasMessageContaining("size");
        assertThatThrownBy(() -> RenderedManifests.chart("--set", "replica=3")).hasMessageContaining("replica");
    }

    @Test
    void underAnotherNameEveryReferenceFollows() {
        RenderedManifests renamed = RenderedManifests.chart("--set", "fullnameOverride=guard");
        JsonNode statefulSet = renamed.one("StatefulSet", "guard");
        JsonNode container = statefulSet.at("/spec/template/spec/containers/0");
        assertThat(statefulSet.at("/spec/serviceName").asText()).isEqualTo("guard-peers");
        assertThat(env(container)).containsEntry("CASSGUARD_AUDIT_PEERS_SERVICE", "guard-peers")
                .containsEntry("CASSGUARD_LEADER_LEASE_NAME", "guard-leader");
        assertThat(renamed.one("Role", "guard-leader-election").at("/rules/1/resourceNames/0").asText()).isEqualTo("guard-leader");
        assertThat(renamed.one("Service", "guard-peers").at("/spec/clusterIP").asText()).isEqualTo("None");
        assertThat(renamed.one("Certificate", "guard-serving").at("/spec/dnsNames/0").asText()).isEqualTo("guard.cassguard.svc");
        assertThat(renamed.webhooks(VALIDATING)).allSatisfy(webhook ->
                assertThat(webhook.at("/clientConfig/service/name").asText()).isEqualTo("guard"));
        assertThat(renamed.all(VALIDATING).get(0).at("/metadata/annotations/cert-manager.io~1inject-ca-from").asText())
                .isEqualTo("cassguard/guard-serving");
        assertThat(renamed.one("ClusterRoleBinding", "guard").at("/subjects/0/name").asText()).isEqualTo("guard");
    }

    @Test
    void monitoringInstallsTheObjectsOfK8sMonitoring() throws Exception {
        RenderedManifests monitored = RenderedManifests.chart("--set", "monitoring.serviceMonitor.enabled=true",
                "--set", "monitoring.prometheusRule.enabled=true", "--set", "monitoring.dashboard.enabled=true");
        RenderedManifests monitoring = RenderedManifests.render("monitoring");
        assertThat(kindsAndNames(monitored.all())).containsAll(kindsAndNames(monitoring.all()));
        for (String kindAndName : List.of("Service/cassguard-metrics", "ServiceMonitor/cassguard", "PrometheusRule/cassguard")) {
            String[] parts = kindAndName.split("/");
            assertThat(monitored.one(parts[0], parts[1]).path("spec")).as(kindAndName)
                    .isEqualTo(monitoring.one(parts[0], parts[1]).path("spec"));
        }
        String dashboard = Files.readString(Path.of("k8s/monitoring/cassguard-dashboard.json"));
        for (RenderedManifests install : List.of(monitored, monitoring)) {
            JsonNode configMap = install.one("ConfigMap", "cassguard-dashboard");
            assertThat(configMap.at("/data/cassguard-dashboard.json").asText()).as(install.toString()).isEqualTo(dashboard);
            assertThat(configMap.at("/metadata/labels/grafana_dashboard").asText()).as(install.toString()).isEqualTo("1");
        }
        // off by default: the Prometheus Operator's kinds would not even be known to a cluster without it
        assertThat(kindsAndNames(chart.all())).noneMatch(name -> name.startsWith("ServiceMonitor") || name.startsWith("PrometheusRule"));
    }

    private static List<String> kindsAndNames(List<JsonNode> objects) {
        List<String> names = new ArrayList<>();
        objects.forEach(o -> names.add(o.path("kind").asText() + "/" + o.at("/metadata/name").asText()));
        return names;
    }

    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new TreeMap<>();
        container.path("env").forEach(variable -> env.put(variable.path("name").asText(), variable.path("value").asText()));
        return env;
    }

    private static void removeEnv(JsonNode container, String name) {
        var variables = container.path("env").elements();
        while (variables.hasNext()) {
            if (name.equals(variables.next().path("name").asText())) {
                variables.remove();
            }
        }
    }
}
