package io.cassguard.service.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.cassguard.engine.policy.PolicyStore;
import io.cassguard.support.TestEnvironment;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static io.cassguard.support.Admission.management;
import static io.cassguard.support.Admission.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** Policies come from files, are reloaded when the files change, and a broken file never breaks what is in force. */
@QuarkusTest
class PolicyFilesTest {

    private static final Duration RELOAD = Duration.ofSeconds(10);
    /** The policies the tests of this class write. */
    private static final Set<String> MADE_HERE = Set.of("late-namespace", "blank-sections");

    @Inject
    PolicyStore store;

    @AfterEach
    void restorePolicies() throws IOException {
        TestEnvironment.resetPolicies();
        await().atMost(RELOAD).until(() -> store.problems().isEmpty()
                && store.policies().stream().noneMatch(p -> MADE_HERE.contains(p.name())));
    }

    @Test
    void aNewPolicyFileIsPutInForceWithoutARestart() throws IOException {
        write("late.yaml", """
                apiVersion: cassguard.io/v1alpha1
                kind: GuardrailPolicy
                metadata: {name: late-namespace}
                spec:
                  priority: 20
                  match: {namespaces: [warn-only]}
                  rules:
                    deletionProtection: {action: Disabled}
                """);

        await().atMost(RELOAD).untilAsserted(() -> {
            JsonNode response = validate("reviews/statefulset-delete-in-warn-only-namespace.yaml");
            assertThat(response.path("allowed").asBoolean()).as("allowed").isTrue();
            assertThat(response.has("warnings")).as("warnings of the warn-only policy it replaces").isFalse();
        });
    }

    @Test
    void aBrokenFileIsReportedWithFileLineAndField() throws IOException {
        write("zz-broken.yaml", """
                apiVersion: cassguard.io/v1alpha1
                kind: GuardrailPolicy
                metadata: {name: broken}
                spec:
                  rules:
                    deletionProtection:
                      action: Deny
                """);

        await().atMost(RELOAD).until(() -> !store.problems().isEmpty());
        assertThat(store.problems()).containsExactly(java.util.Map.entry(TestEnvironment.POLICIES.resolve("zz-broken.yaml").toString(),
                "line 7: spec.rules.deletionProtection.action: must be one of Enforce, Warn, Audit, Disabled"));
        management().get("/q/metrics").then().body(containsString("cassguard_policies{state=\"invalid\"} 1.0"));
    }

    @Test
    void aFileThatBreaksKeepsItsLastGoodPolicyInForce() throws IOException {
        write("warn-only.yaml", """
                apiVersion: cassguard.io/v1alpha1
                kind: GuardrailPolicy
                metadata: {name: warn-only}
                spec:
                  priority: 10
                  match: {namespaces: [warn-only]
                """);

        await().atMost(RELOAD).until(() -> !store.problems().isEmpty());
        assertThat(store.problems().values()).containsExactly(
                "line 6: not valid YAML: while parsing a flow mapping: expected ',' or '}', but got <stream end>");
        assertThat(validate("reviews/statefulset-delete-in-warn-only-namespace.yaml").path("allowed").asBoolean())
                .as("warn-only keeps its last good Warn setting").isTrue();
    }

    @Test
    void aSectionLeftBlankMeansItsDefaults() throws IOException {
        write("blank.yaml", """
                apiVersion: cassguard.io/v1alpha1
                kind: GuardrailPolicy
                metadata: {name: blank-sections}
                spec:
                  priority: 20
                  match: {namespaces: [warn-only]}
                  exemptions:
                  overrides:
                  rules:
                    deletionProtection:
                  mutations: ~
                """);

        await().atMost(RELOAD).until(() -> store.policies().stream().anyMatch(p -> p.name().equals("blank-sections")));
        assertThat(store.problems()).isEmpty();
        assertThat(validate("reviews/statefulset-delete-in-warn-only-namespace.yaml").path("status").path("message").asText())
                .as("deletionProtection at its default, Enforce; overrides at theirs, group system:masters")
                .startsWith("[deletion-protection] StatefulSet warn-only/cassandra-dc1-rack1 is protected against deletion")
                .endsWith("To override (only for groups [system:masters] of policy blank-sections), annotate the"
                        + " object with cassguard.io/override: \"deletion-protection\" and cassguard.io/override-reason: \"<why>\".");
    }

    @Test
    void aSelectorThatCannotMatchIsReportedWithItsField() throws IOException {
        write("zz-selector.yaml", """
                apiVersion: cassguard.io/v1alpha1
                kind: GuardrailPolicy
                metadata: {name: bad-selector}
                spec:
                  match:
                    objectSelector:
                      matchExpressions:
                        - {key: tier, values: [db]}
                """);

        await().atMost(RELOAD).until(() -> !store.problems().isEmpty());
        assertThat(store.problems().values()).containsExactly(
                "line 8: spec.match.objectSelector.matchExpressions[0].operator: must be one of In, NotIn, Exists, DoesNotExist");
    }

    private static void write(String name, String content) throws IOException {
        Path file = TestEnvironment.POLICIES.resolve(name);
        Files.writeString(file, content);
    }
}
