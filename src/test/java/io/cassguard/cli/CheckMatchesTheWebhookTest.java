package io.cassguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.support.Admission;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** One change, through the webhook over HTTPS and through {@code cassguard check}: the same rule ids and messages. */
@QuarkusTest
class CheckMatchesTheWebhookTest {

    private static final String CHANGE = "cassandracluster-running-rack-3-to-1-refused";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "cassguard.policies.dir")
    String policies;

    @Test
    void aRefusalCarriesTheSameRuleIdsAndMessagesFromTheCliAsFromTheWebhook() throws Exception {
        JsonNode webhook = Admission.post("/validate", review(Admission.fixture("cli/" + CHANGE + "/old/cluster.yaml"),
                Admission.fixture("cli/" + CHANGE + "/new/cluster.yaml")));
        Cli cli = Cli.run("check", "--new", CHANGE + "/new", "--old", CHANGE + "/old",
                "--policies", Path.of(policies).toAbsolutePath().toString(), "--output", "json");

        JsonNode checked = JSON.readTree(cli.out()).at("/objects/0");
        String message = webhook.at("/status/message").asText();
        assertThat(webhook.path("allowed").asBoolean()).isFalse();
        assertThat(checked.path("allowed").asBoolean()).isFalse();
        assertThat(checked.path("message").asText()).isEqualTo(message);
        assertThat(checked.path("warnings")).isEqualTo(webhook.has("warnings") ? webhook.get("warnings") : JSON.createArrayNode());
        List<String> refusedByCli = new ArrayList<>();
        checked.path("rules").forEach(rule -> refusedByCli.add(rule.path("id").asText()));
        assertThat(refusedByCli).containsExactlyElementsOf(ruleIds(message)).containsExactly("min-dc-size", "scale-down-step");
        assertThat(cli.exitCode()).isEqualTo(1);
    }

    /** The review the API server sends for {@code kubectl apply} of the new object over the old. */
    private static JsonNode review(JsonNode oldObject, JsonNode newObject) {
        ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request").put("uid", "5b1f0c2e-0017-4000-8000-000000000001")
                .put("operation", "UPDATE").put("namespace", "cassandra").put("name", "cluster1").put("dryRun", false);
        request.putObject("kind").put("group", "db.orange.com").put("version", "v1alpha1").put("kind", "CassandraCluster");
        request.putObject("resource").put("group", "db.orange.com").put("version", "v1alpha1").put("resource", "cassandraclusters");
        ObjectNode user = request.putObject("userInfo").put("username", "cassguard-check");
        user.putArray("groups").add("system:authenticated");
        request.set("oldObject", oldObject);
        request.set("object", newObject);
        return review;
    }

    /** The rule ids that lead the lines of a denial message. */
    private static List<String> ruleIds(String message) {
        List<String> ids = new ArrayList<>();
        Matcher matcher = Pattern.compile("(?m)^\\[([a-z-]+)]").matcher(message);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }
}
