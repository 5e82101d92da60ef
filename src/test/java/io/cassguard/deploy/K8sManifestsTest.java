package io.cassguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.engine.cluster.GuardedKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

import static io.cassguard.support.Admission.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an install of cassguard must guarantee, checked on each way to install it (the parameterised tests):
 * webhook coverage and safety settings, least privilege, a sound StatefulSet whose audit outlives its pods.
 * Then what only the kustomize tree has: the CRD schemas and the overlays.
 */
class K8sManifestsTest {

    private static final String VALIDATING = "ValidatingWebhookConfiguration";
    private static final String MUTATING = "MutatingWebhookConfiguration";
    static final String INSTALLS = "io.cassguard.deploy.RenderedManifests#installs";
    private static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection", "*");

    private final RenderedManifests base = RenderedManifests.render("");

    @ParameterizedTest(name = "{0}")
    @MethodSource(INSTALLS)
    void theValidatingWebhookSeesEveryChangeToEveryGuardedResource(RenderedManifests install) {
        assertThat(ruleTuples(install.webhooks(VALIDATING))).containsExactlyInAnyOrder(
                "db.orange.com/v1alpha1/cassandraclusters CREATE", "db.orange.com/v1alpha1/cassandraclusters UPDATE",
                "db.orange.com/v1alpha1/cassandraclusters DELETE",
                "db.orange.com/v2/cassandraclusters CREATE", "db.orange.com/v2/cassandraclusters UPDATE",
                "db.orange.com/v2/cassandraclusters DELETE",
                "cassandra.datastax.com/v1beta1/cassandradatacenters CREATE",
                "cassandra.datastax.com/v1beta1/cassandradatacenters UPDATE",
                "cassandra.datastax.com/v1beta1/cassandradatacenters DELETE",
                "k8ssandra.io/v1alpha1/k8ssandraclusters CREATE", "k8ssandra.io/v1alpha1/k8ssandraclusters UPDATE",
                "k8ssandra.io/v1alpha1/k8ssandraclusters DELETE",
                "apps/v1/statefulsets CREATE", "apps/v1/statefulsets UPDATE", "apps/v1/statefulsets DELETE",
                // Cassandra scales and the others, in two entries (WebhookMatchConditionsTest)
                "apps/v1/statefulsets/scale UPDATE", "apps/v1/statefulsets/scale UPDATE",
                "cassguard.io/v1alpha1/guardrailpolicies CREATE", "cassguard.io/v1alpha1/guardrailpolicies UPDATE");
        install.webhooks(VALIDATING).forEach(webhook ->
                assertThat(webhook.at("/clientConfig/service/path").asText()).as(name(webhook)).isEqualTo("/validate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(INSTALLS)
    void everyOperatorKindTheEngineGuardsHasAnEntryOfItsOwnForEveryChangeUnfiltered(RenderedManifests install) {
        for (Class<? extends HasMetadata> type : operatorResourceTypes()) {
            String name = HasMetadata.getPlural(type) + ".validate.cassguard.io";
            JsonNode webhook = install.webhooks(VALIDATING).stream().filter(w -> name.equals(name(w))).findFirst()
                    .orElseThrow(() -> new AssertionError("no validating webhook " + name + " for " + HasMetadata.getKind(type)));
            String resource = HasMetadata.getGroup(type) + "/" + HasMetadata.getVersion(type) + "/" + HasMetadata.getPlural(type);
            assertThat(ruleTuples(List.of(webhook))).as(name)
                    .contains(resource + " CREATE", resource + " UPDATE", resource + " DELETE");
            assertThat(webhook.has("matchConditions")).as(name).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(INSTALLS)
    void validatingWebhooksRefuseWhenCassguardCannotAnswerExceptForScalesOfOtherWorkloads(RenderedManifests install) {
        for (JsonNode webhook : install.webhooks(VALIDATING)) {
            String expected = "other-statefulset-scales.validate.cassguard.io".equals(name(webhook)) ? "Ignore" : "Fail";
            assertThat(webhook.path("failurePolicy").asText()).as(name(webhook)).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(INSTALLS)
    void theMutatingWebhookFillsInStatefulSetsWithoutEverBlockingThem(RenderedManifests install) {
        List<JsonNode> webhooks = install.webhooks(MUTATING);
        assertThat(ruleTuples(webhooks)).containsExactlyInAnyOrder("apps/v1/statefulsets CREATE", "apps/v1/statefulsets UPDATE");
        for (JsonNode webhook : webhooks) {
            assertThat(webhook.path("failurePolicy").asText()).as(name(webhook)).isEqualTo("Ignore");
            assertThat(webhook.path("reinvocationPolicy").asText()).as(name(webhook)).isEqualTo("IfNeeded");
            assertThat(webhook.at("/clientConfig/service/path").asText()).as(name(webhook)).isEqualTo("/mutate");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(INSTALLS)
    void everyWebhookAnswersDryRunsWithoutSideEffectsQuicklyInAdmissionV1(RenderedManifests install) {
        for (JsonNode webhook : allWebhooks(install)) {
            assertThat(webhook.path("sideEffects").asText()).as(name(webhook)).isEqualTo("NoneOnDryRun");
            assertThat(webhook.path("timeoutSeconds").asInt()).as(name(webhook)).isBetween(1, 5);
            assertThat(strings(webhook.path("admissionReviewVersions"))).as(name(webhook)).containsExactly("v1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(INSTALLS)
    void namespacedWebhooksNeverSeeKubeSystemNorCassguardItself(RenderedManifests install) {
        for (JsonNode webhook : allWebhooks(install)) {
            boolean namespaced = StreamSupport.stream(webhook.path("rules").spliterator(), false)
                    .allMatch(rule -> "Namespaced".equals(rule.path("scope").asText()));
            if (!namespaced) {
                continue;
            }
            JsonNode expressions = webhook.at("/namespaceSelector/matchExpressions");
            assertThat(expressions).as(name(webhook)).anySatisfy(expression -> {
                assertThat(expression.path("key").asText()).isEqualTo("kubernetes.io/metadata.name");
                assertThat(expression.path("operator").asText()).isEqualTo("NotIn");
                assertThat(strings(expression.path("values"))).contains("kube-system", "cassguard");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(INSTALLS)
    void theWebhooksCallTheServiceThatReachesTheHttpsPortWithTheInjectedCa(RenderedManifests install) {
        JsonNode service = install.one("Service", "cassguard");
        JsonNode container = cassguard(install).at("/spec/template/spec/containers/0");
        JsonNode https = StreamSupport.stream(service.at("/spec/ports").spliterator(), false)
                .filter(port -> port.path("port").asInt() == 443).findFirst().orElseThrow();
        assertThat(containerPort(container, https.path("targetPort").asText())).isEqualTo(8443);
        assertThat(service.at("/spec/selector")).isEqualTo(cassguard(install).at("/spec/selector/matchLabels"));

        JsonNode serving = install.one("Certificate", "cassguard-serving");
        assertThat(strings(serving.at("/spec/dnsNames"))).contains("cassguard.cassguard.svc");
        for (JsonNode configuration : configurations(install)) {
            assertThat(configuration.at("/metadata/annotations/cert-manager.io~1inject-ca-from").asText())
                    .isEqualTo("cassguard/cassguard-serving");
            configuration.path("webhooks").forEach(webhook -> {
                assertThat(webhook.at("/clientConfig/service/name").asText()).isEqualTo("cassguard");
                assertThat(webhook.at("/clientConfig/service/namespace").asText()).isEqualTo("cassguard");
                assertThat(webhook.at("/clientConfig/service/port").asInt()).isEqualTo(443);
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(INSTALLS)
    void rbacGrantsNoWildcardAndNoWriteOnWorkloads(RenderedManifests install) {
        List<JsonNode> roles = new ArrayList<>(install.all("ClusterRole"));
        roles.addAll(install.all("Role"));
        assertThat(roles).isNotEmpty();
        for (JsonNode role : roles) {
            for (JsonNode rule : role.path("rules")) {
                String where = role.at("/metadata/name").asText() + " " + rule;
                assertThat(strings(rule.path("apiGroups"))).as(where).doesNotContain("*");
                assertThat(strings(rule.path("resources"))).as(where).noneMatch(resource -> resource.contains("*"));
                assertThat(strings(rule.path("verbs"))).as(where).doesNotContain("*");
                assertThat(strings(rule.path("resources"))).as(where).doesNotContain("configmaps");
                if (isWorkload(strings(rule.path("apiGroups")), strings(rule.path("resources")))) {
                    assertThat(strings(rule.path("verbs"))).as(where).noneMatch(WRITE_VERBS::contains);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(INSTALLS)
    void theOperatorsResourcesAreReadAndNeverWritten(RenderedManifests install) {
        Set<String> asked = new HashSet<>(operatorResourceTypes().stream().map(HasMetadata::getPlural).toList());
        asked.add("customresourcedefinitions");
        Map<String, List<String>> verbs = new TreeMap<>();
        for (JsonNode rule : install.one("ClusterRole", "cassguard").path("rules")) {
            for (String resource : strings(rule.path("resources"))) {
                if (asked.contains(resource)) {
                    verbs.put(strings(rule.path("apiGroups")).get(0) + "/" + resource, strings(rule.path("verbs")));
                }
            }
        }
        // get on the community operator's kinds as docs/kinds.md grants it; no CRD is read: the controller finds the
        // operators' kinds through discovery, which every authenticated user may read
        assertThat(verbs).isEqualTo(Map.of("cassandra.datastax.com/cassandradatacenters", List.of("get", "list", "watch"),
                "db.orange.com/cassandraclusters", List.of("list", "watch"),
                "k8ssandra.io/k8ssandraclusters", List.of("get", "list", "watch")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(INSTALLS)
    void secretsAreReadOneByOneInCassguardsOwnNamespaceOnly(RenderedManifests install) {
        List<String> grants = new ArrayList<>();
        for (String kind : List.of("ClusterRole", "Role")) {
            for (JsonNode role : install.all(kind)) {
                for (JsonNode rule : role.path("rules")) {
                    if (strings(rule.path("resources")).contains("secrets")) {
                        grants.add(kind + "/" + role.at("/metadata/name").asText() + " in '"
                                + role.at("/metadata/namespace").asText() + "': " + strings(rule.path("verbs")));
                    }
                }
            }
        }
        // get names one Secret (cassguard.io/cql-secret); no list or watch, which would read them all
        assertThat(grants).containsExactly("Role/cassguard in 'cassguard': [get]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(INSTALLS)
    void cassguardRunsUnderItsOwnServiceAccountBoundToItsRoles(RenderedManifests install) {
        assertThat(cassguard(install).at("/spec/template/spec/serviceAccountName").asText()).isEqualTo("cassguard");
        for (String binding : List.of("ClusterRoleBinding/cassguard", "RoleBinding/cassguard-leader-election", "RoleBinding/cassguard")) {
            String[] kindAndName = binding.split("/");
            JsonNode subject = install.one(kindAndName[0], kindAndName[1]).at("/subjects/0");
            assertThat(subject.path("kind").asText()).as(binding).isEqualTo("ServiceAccount");
            assertThat(subject.path("name").asText()).as(binding).isEqualTo("cassguard");
            assertThat(subject.path("namespace").asText()).as(binding).isEqualTo("cassguard");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(INSTALLS)
    void twoReplicasSpreadOverNodesAndNeverDrainedTogether(RenderedManifests install) {
        JsonNode statefulSet = cassguard(install);
        assertThat(statefulSet.at("/spec/replicas").asInt()).isEqualTo(2);
        JsonNode pod = statefulSet.at("/spec/template/spec");
        assertThat(pod.at("/topologySpreadConstraints")).anySatisfy(constraint ->
                assertThat(constraint.path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname"));
        assertThat(pod.at("/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0/podAffinityTerm/topologyKey")
                .asText()).isEqualTo("kubernetes.io/hostname");

        JsonNode budget = install.one("PodDisruptionBudget", "cassguard");
        assertThat(budget.at("/spec/minAvailable").asInt()).isEqualTo(1);
        assertThat(budget.at("/spec/selector/matchLabels")).isEqualTo(statefulSet.at("/spec/selector/matchLabels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(INSTALLS)
    void aRolloutReplacesOneReplicaAtATimeOnceTheNewOneIsReady(RenderedManifests install) {
        JsonNode spec = cassguard(install).path("spec");
        assertThat(spec.at("/updateStrategy/type").asText()).isEqualTo("RollingUpdate");
        // no partition holding replicas back, and never more than one replica away (the default of 1)
        assertThat(spec.at("/updateStrategy/rollingUpdate/partition").asInt(0)).isZero();
        assertThat(spec.at("/updateStrategy/rollingUpdate/maxUnavailable").asInt(1)).isEqualTo(1);
        assertThat(spec.path("minReadySeconds").asInt()).isPositive();
        // a replica that cannot start never holds back the other (OrderedReady would)
        assertThat(spec.path("podManagementPolicy").asText()).isEqualTo("Parallel");
        assertThat(spec.at("/template/spec/containers/0/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(INSTALLS)
    void eachReplicaKeepsItsAuditOnAClaimOfItsOwnThatOutlivesThePod(RenderedManifests install) {
        JsonNode statefulSet = cassguard(install);
        JsonNode pod = statefulSet.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        String volume = volumeNameAt(container, container.path("workingDir").asText() + "/data");
        // not a volume of the pod (an emptyDir dies with it) but a claim template: one PersistentVolumeClaim per replica
        assertThat(StreamSupport.stream(pod.path("volumes").spliterator(), false))
                .noneMatch(v -> volume.equals(v.path("name").asText()));
        JsonNode claim = StreamSupport.stream(statefulSet.at("/spec/volumeClaimTemplates").spliterator(), false)
                .filter(template -> volume.equals(template.at("/metadata/name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no volumeClaimTemplate " + volume));
        assertThat(strings(claim.at("/spec/accessModes"))).containsExactly("ReadWriteOnce");
        assertThat(claim.at("/spec/resources/requests/storage").asText()).isEqualTo("1Gi");
        // the records stay when the StatefulSet is deleted or scaled down
        assertThat(statefulSet.at("/spec/persistentVolumeClaimRetentionPolicy/whenDeleted").asText()).isEqualTo("Retain");
        assertThat(statefulSet.at("/spec/persistentVolumeClaimRetentionPolicy/whenScaled").asText()).isEqualTo("Retain");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(INSTALLS)
    void theReplicasFindEachOtherThroughTheEndpointSlicesOfAHeadlessService(RenderedManifests install) {
        JsonNode statefulSet = cassguard(install);
        JsonNode peers = install.one("Service", "cassguard-peers");
        assertThat(statefulSet.at("/spec/serviceName").asText()).isEqualTo("cassguard-peers");
        assertThat(peers.at("/spec/clusterIP").asText()).isEqualTo("None");
        assertThat(peers.at("/spec/selector")).isEqualTo(statefulSet.at("/spec/selector/matchLabels"));
        JsonNode container = statefulSet.at("/spec/template/spec/containers/0");
        JsonNode port = peers.at("/spec/ports/0");
        assertThat(port.path("name").asText()).isEqualTo("https");
        assertThat(port.path("port").asInt()).isEqualTo(8443);
        assertThat(containerPort(container, port.path("targetPort").asText())).isEqualTo(8443);
        assertThat(env(container, "CASSGUARD_AUDIT_PEERS_SERVICE")).isEqualTo("cassguard-peers");
        // a replica reaches another by its name behind the headless Service, which the serving certificate covers
        assertThat(strings(install.one("Certificate", "cassguard-serving").at("/spec/dnsNames")))
                .contains("*.cassguard-peers.cassguard.svc", "*.cassguard-peers.cassguard.svc.cluster.local");

        assertThat(install.one("Role", "cassguard").path("rules")).anySatisfy(rule -> {
            assertThat(strings(rule.path("apiGroups"))).containsExactly("discovery.k8s.io");
            assertThat(strings(rule.path("resources"))).containsExactly("endpointslices");
            assertThat(strings(rule.path("verbs"))).containsExactly("list", "watch");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(INSTALLS)
    void thePodRunsAsNonRootOnAReadOnlyRootWithProbesOnTheManagementPort(RenderedManifests install) {
        JsonNode pod = cassguard(install).at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(strings(container.at("/securityContext/capabilities/drop"))).containsExactly("ALL");
        assertThat(container.at("/resources/requests/cpu").isMissingNode()).isFalse();
        assertThat(container.at("/resources/limits/memory").isMissingNode()).isFalse();

        assertThat(containerPort(container, container.at("/livenessProbe/httpGet/port").asText())).isEqualTo(9000);
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(containerPort(container, container.at("/readinessProbe/httpGet/port").asText())).isEqualTo(9000);
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");

        // with a read-only root, the JVM and Vert.x write to a memory-backed /tmp (the audit: the test above)
        assertThat(volumeAt(pod, container, "/tmp").at("/emptyDir/medium").asText()).isEqualTo("Memory");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(INSTALLS)
    void theServingCertificateIsMountedWhereCassguardReadsItsTlsFiles(RenderedManifests install) {
        JsonNode pod = cassguard(install).at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        JsonNode volume = volumeAt(pod, container, env(container, "CASSGUARD_TLS_DIR"));
        assertThat(volume.at("/secret/secretName").asText())
                .isEqualTo(install.one("Certificate", "cassguard-serving").at("/spec/secretName").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(INSTALLS)
    void theDefaultPoliciesAreMountedWhereCassguardReadsItsPolicies(RenderedManifests install) throws Exception {
        JsonNode pod = cassguard(install).at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        JsonNode volume = volumeAt(pod, container, env(container, "CASSGUARD_POLICIES_DIR"));
        JsonNode configMap = install.one("ConfigMap", volume.at("/configMap/name").asText());
        assertThat(configMap.at("/data/default.yaml").asText()).isEqualTo(Files.readString(Path.of("policies/default.yaml")));
    }

    @Test
    void theAuditStorageOverlaySetsTheClaimsSizeAndStorageClassAndNothingElse() {
        RenderedManifests overlay = RenderedManifests.render("overlays/audit-storage");
        JsonNode claim = cassguard(overlay).at("/spec/volumeClaimTemplates/0/spec");
        assertThat(claim.at("/resources/requests/storage").asText()).isEqualTo("5Gi");
        assertThat(claim.path("storageClassName").asText()).isEqualTo("fast-ssd");
        assertThat(withoutClaimTemplates(overlay.all())).isEqualTo(withoutClaimTemplates(base.all()));
    }

    @Test
    void theGuardrailPolicyCrdHasAStatusSubresourceAndAStructuralSchema() {
        JsonNode version = base.one("CustomResourceDefinition", "guardrailpolicies.cassguard.io").at("/spec/versions/0");
        assertThat(version.at("/subresources/status").isObject()).isTrue();
        JsonNode spec = version.at("/schema/openAPIV3Schema/properties/spec");
        assertThat(fieldNames(spec.path("properties")))
                .contains("match", "priority", "exemptions", "overrides", "mutateOperatorOwned", "rules", "mutations");
        // unknown rule and mutation names and parameters are kept for the webhook, which refuses them strictly
        assertThat(spec.at("/properties/rules/x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
        assertThat(spec.at("/properties/rules/properties/scaleDownStep/x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
        assertThat(spec.at("/properties/mutations/x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
        assertThat(spec.at("/properties/mutations/properties/exporter/x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
        assertStructural(version.at("/schema/openAPIV3Schema"), "openAPIV3Schema");
        assertThat(version.path("additionalPrinterColumns")).extracting(column -> column.path("name").asText())
                .contains("Priority", "Ready");
    }

    @Test
    void thePolicyReportCrdHoldsEveryFieldOfTheReportsCassguardWrites() {
        JsonNode crd = RenderedManifests.render("crds/policyreport").one("CustomResourceDefinition", "policyreports.wgpolicyk8s.io");
        assertThat(crd.at("/spec/group").asText()).isEqualTo("wgpolicyk8s.io");
        assertThat(crd.at("/spec/scope").asText()).isEqualTo("Namespaced");
        JsonNode version = crd.at("/spec/versions/0");
        assertThat(version.path("name").asText()).isEqualTo("v1alpha2");
        JsonNode schema = version.at("/schema/openAPIV3Schema");
        assertStructural(schema, "openAPIV3Schema");
        for (String report : List.of("expected/policyreport-tiny-unpinned-below-minimum.yaml", "expected/policyreport-one-denial.yaml")) {
            ObjectNode written = (ObjectNode) fixture(report);
            written.put("apiVersion", "wgpolicyk8s.io/v1alpha2").put("kind", "PolicyReport"); // metadata: the API server's
            // the fields the fixtures leave out because they change from run to run
            written.path("results").forEach(result -> {
                ((ObjectNode) result).putObject("timestamp").put("seconds", 1_795_438_491L).put("nanos", 627_000_000);
                ((ObjectNode) result.path("resources").get(0)).put("uid", "d44527dc-f92b-4673-88c1-d66a75dc4f07");
            });
            assertFitsSchema(written, schema, report);
        }
    }

    @Test
    void theCasskopOverlayAddsACasskopCompatibleCassandraClusterCrd() {
        RenderedManifests overlay = RenderedManifests.render("overlays/casskop-crd");
        JsonNode crd = overlay.one("CustomResourceDefinition", "cassandraclusters.db.orange.com");
        assertThat(crd.at("/spec/group").asText()).isEqualTo("db.orange.com");
        assertThat(crd.at("/spec/names/kind").asText()).isEqualTo("CassandraCluster");
        JsonNode version = crd.at("/spec/versions/0");
        assertThat(version.path("name").asText()).isEqualTo("v1alpha1");
        // like CassKop's own CRD: status is written through the main resource
        assertThat(version.at("/subresources/status").isMissingNode()).isTrue();
        JsonNode spec = version.at("/schema/openAPIV3Schema/properties/spec/properties");
        assertThat(spec.at("/nodesPerRacks/type").asText()).isEqualTo("integer");
        assertThat(spec.at("/topology/properties/dc/items/properties/rack/items/properties/name/type").asText()).isEqualTo("string");
        assertStructural(version.at("/schema/openAPIV3Schema"), "openAPIV3Schema");
        // and everything the base installs
        assertThat(overlay.all().size()).isEqualTo(base.all().size() + 1);
    }

    @Test
    void theLocalOverlayCallsCassguardOnLoopbackTrustingTheDevelopmentCa() {
        RenderedManifests local = RenderedManifests.render("overlays/local");
        // nothing else: deleting the overlay must never delete a CRD, and with it every GuardrailPolicy
        assertThat(local.all()).extracting(o -> o.path("kind").asText()).containsExactlyInAnyOrder(VALIDATING, MUTATING);
        String ca = Base64.getEncoder().encodeToString(RenderedManifests.developmentCa());
        for (JsonNode configuration : configurations(local)) {
            assertThat(configuration.at("/metadata/annotations/cert-manager.io~1inject-ca-from").isMissingNode()).isTrue();
            for (JsonNode webhook : configuration.path("webhooks")) {
                String path = VALIDATING.equals(configuration.path("kind").asText()) ? "/validate" : "/mutate";
                assertThat(webhook.at("/clientConfig/url").asText()).as(name(webhook)).isEqualTo("https://127.0.0.1:8443" + path);
                assertThat(webhook.at("/clientConfig/service").isMissingNode()).as(name(webhook)).isTrue();
                assertThat(webhook.at("/clientConfig/caBundle").asText().replaceAll("\\s", "")).as(name(webhook)).isEqualTo(ca);
            }
        }
    }

    @Test
    void theLocalOverlayKeepsEveryWebhookSettingOfTheInstall() {
        RenderedManifests local = RenderedManifests.render("overlays/local");
        for (String kind : List.of(VALIDATING, MUTATING)) {
            List<JsonNode> installed = withoutClientConfig(base.webhooks(kind));
            assertThat(withoutClientConfig(local.webhooks(kind))).as(kind).isEqualTo(installed);
        }
    }

    private static List<JsonNode> withoutClaimTemplates(List<JsonNode> objects) {
        return objects.stream().map(object -> {
            JsonNode copy = object.deepCopy();
            if ("StatefulSet".equals(copy.path("kind").asText())) {
                ((ObjectNode) copy.path("spec")).remove("volumeClaimTemplates");
            }
            return copy;
        }).toList();
    }

    /** cassguard's own workload. */
    private static JsonNode cassguard(RenderedManifests install) {
        return install.one("StatefulSet", "cassguard");
    }

    private static List<JsonNode> withoutClientConfig(List<JsonNode> webhooks) {
        return webhooks.stream().map(webhook -> {
            JsonNode copy = webhook.deepCopy();
            ((ObjectNode) copy).remove("clientConfig");
            return copy;
        }).toList();
    }

    private static List<JsonNode> configurations(RenderedManifests manifests) {
        List<JsonNode> configurations = new ArrayList<>(manifests.all(VALIDATING));
        configurations.addAll(manifests.all(MUTATING));
        return configurations;
    }

    private static List<JsonNode> allWebhooks(RenderedManifests manifests) {
        List<JsonNode> webhooks = new ArrayList<>(manifests.webhooks(VALIDATING));
        webhooks.addAll(manifests.webhooks(MUTATING));
        return webhooks;
    }

    /** "group/version/resource OPERATION" for every combination the webhooks' rules name. */
    private static List<String> ruleTuples(List<JsonNode> webhooks) {
        List<String> tuples = new ArrayList<>();
        for (JsonNode webhook : webhooks) {
            for (JsonNode rule : webhook.path("rules")) {
                for (String group : strings(rule.path("apiGroups"))) {
                    for (String version : strings(rule.path("apiVersions"))) {
                        for (String resource : strings(rule.path("resources"))) {
                            for (String operation : strings(rule.path("operations"))) {
                                tuples.add(group + "/" + version + "/" + resource + " " + operation);
                            }
                        }
                    }
                }
            }
        }
        return tuples;
    }

    /** Workloads: anything of apps or batch, pods, and the groups of the operators' kinds the engine guards. */
    private static boolean isWorkload(List<String> apiGroups, List<String> resources) {
        Set<String> groups = new HashSet<>(Set.of("apps", "batch"));
        operatorResourceTypes().forEach(type -> groups.add(HasMetadata.getGroup(type)));
        return apiGroups.stream().anyMatch(groups::contains)
                || (apiGroups.contains("") && resources.stream().anyMatch(r -> r.startsWith("pods")));
    }

    /** The types of the operators' custom resources the engine guards, which name their group, version and plural. */
    private static List<Class<? extends HasMetadata>> operatorResourceTypes() {
        return Arrays.stream(GuardedKind.values()).filter(GuardedKind::isOperatorResource).map(GuardedKind::type).toList();
    }

    /** Every field of the value is declared by the schema, with its type and, where there is one, a value of its enum. */
    private static void assertFitsSchema(JsonNode value, JsonNode schema, String path) {
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean() && !schema.has("properties")) {
            return;
        }
        String type = schema.path("type").asText();
        switch (type) {
            case "object" -> value.fields().forEachRemaining(field -> {
                JsonNode declared = schema.path("properties").has(field.getKey())
                        ? schema.path("properties").path(field.getKey()) : schema.path("additionalProperties");
                assertThat(declared.isObject()).as(path + "." + field.getKey() + " is declared").isTrue();
                assertFitsSchema(field.getValue(), declared, path + "." + field.getKey());
            });
            case "array" -> {
                assertThat(value.isArray()).as(path + " is an array").isTrue();
                value.forEach(item -> assertFitsSchema(item, schema.path("items"), path + "[]"));
            }
            case "string" -> assertThat(value.isTextual()).as(path + " is a string").isTrue();
            case "integer" -> assertThat(value.isIntegralNumber()).as(path + " is an integer").isTrue();
            case "boolean" -> assertThat(value.isBoolean()).as(path + " is a boolean").isTrue();
            default -> throw new AssertionError(path + ": unexpected schema type " + type);
        }
        if (schema.has("enum")) {
            assertThat(strings(schema.path("enum"))).as(path + " is one of the enum").contains(value.asText());
        }
    }

    private static void assertStructural(JsonNode schema, String path) {
        boolean open = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()
                || schema.path("x-kubernetes-int-or-string").asBoolean();
        assertThat(schema.has("type") || open).as(path + " has a type").isTrue();
        assertThat(schema.has("properties") && schema.has("additionalProperties"))
                .as(path + " has either properties or additionalProperties").isFalse();
        schema.path("properties").fields().forEachRemaining(field ->
                assertStructural(field.getValue(), path + ".properties." + field.getKey()));
        if (schema.path("additionalProperties").isObject()) {
            assertStructural(schema.path("additionalProperties"), path + ".additionalProperties");
        }
        if (schema.has("items")) {
            assertStructural(schema.path("items"), path + ".items");
        }
    }

    private static String volumeNameAt(JsonNode container, String mountPath) {
        return StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
                .filter(mount -> mountPath.equals(mount.path("mountPath").asText()))
                .map(mount -> mount.path("name").asText())
                .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at " + mountPath));
    }

    private static JsonNode volumeAt(JsonNode pod, JsonNode container, String mountPath) {
        String volumeName = volumeNameAt(container, mountPath);
        return StreamSupport.stream(pod.path("volumes").spliterator(), false)
                .filter(volume -> volumeName.equals(volume.path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no volume " + volumeName));
    }

    private static String env(JsonNode container, String name) {
        return StreamSupport.stream(container.path("env").spliterator(), false)
                .filter(variable -> name.equals(variable.path("name").asText()))
                .map(variable -> variable.path("value").asText())
                .findFirst().orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static int containerPort(JsonNode container, String nameOrNumber) {
        return StreamSupport.stream(container.path("ports").spliterator(), false)
                .filter(port -> nameOrNumber.equals(port.path("name").asText())
                        || nameOrNumber.equals(port.path("containerPort").asText()))
                .map(port -> port.path("containerPort").asInt())
                .findFirst().orElseThrow(() -> new AssertionError("no container port " + nameOrNumber));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String name(JsonNode webhook) {
        return webhook.path("name").asText();
    }
}
