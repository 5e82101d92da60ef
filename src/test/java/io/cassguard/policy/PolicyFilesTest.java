package io.cassguard.policy;

import io.cassguard.support.TestEnvironment;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.cassguard.support.Admission.management;
import static io.cassguard.support.Admission.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** Policies come from files, are reloaded when the files change, and a broken file never breaks what is in force. */
@QuarkusTest
class PolicyFilesTest {

    private static final Duration RELOAD = Duration.ofSeconds(10);

    @Inject
    PolicyStore store;

    @AfterEach
    void restorePolicies() throws IOException {
        TestEnvironment.resetPolicies();
        await().atMost(RELOAD).until(() -> store.problems().isEmpty()
                && store.policies().stream().noneMatch(p -> p.name().equals("late-namespace")));
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

        await().atMost(RELOAD).untilAsserted(() -> assertThat(
                validate("reviews/statefulset-delete-in-warn-only-namespace.yaml").has("warnings")).isFalse());
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

    private static void write(String name, String content) throws IOException {
        Path file = TestEnvironment.POLICIES.resolve(name);
        Files.writeString(file, content);
    }
}
