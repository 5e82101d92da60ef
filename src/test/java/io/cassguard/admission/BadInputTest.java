package io.cassguard.admission;

import io.cassguard.support.Admission;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.cassguard.support.Admission.https;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Bad input gets a clear 4xx JSON error, never a 5xx or a stack trace, and the service keeps answering (DESIGN §3). */
@QuarkusTest
class BadInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"/validate", "/mutate"})
    void aBodyThatIsNotJsonIs400(String webhook) {
        https().contentType(ContentType.JSON).body("kind: AdmissionReview\n").post(webhook)
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", org.hamcrest.Matchers.startsWith("the body is not valid JSON"));
        assertStillAnswering();
    }

    @Test
    void anEmptyBodyIs400() {
        https().contentType(ContentType.JSON).body("").post("/validate")
                .then().statusCode(400).body("error", equalTo("the body is not a JSON object"));
    }

    @Test
    void aWrongApiVersionIs400() {
        https().contentType(ContentType.JSON)
                .body("{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\"}}")
                .post("/validate")
                .then().statusCode(400).body("error", equalTo("expected apiVersion admission.k8s.io/v1 and kind AdmissionReview"));
    }

    @Test
    void aWrongKindIs400() {
        https().contentType(ContentType.JSON)
                .body("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"Pod\",\"request\":{\"uid\":\"1\"}}")
                .post("/validate")
                .then().statusCode(400).body("error", equalTo("expected apiVersion admission.k8s.io/v1 and kind AdmissionReview"));
    }

    @Test
    void aReviewWithoutRequestIs400() {
        https().contentType(ContentType.JSON).body("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}")
                .post("/validate")
                .then().statusCode(400).body("error", equalTo("the AdmissionReview has no request"));
    }

    @Test
    void aRequestWithoutUidIs400() {
        https().contentType(ContentType.JSON)
                .body("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"operation\":\"CREATE\"}}")
                .post("/mutate")
                .then().statusCode(400).body("error", equalTo("request.uid is missing"));
    }

    @Test
    void aBodyAbove3MiBIs413() throws Exception {
        String padding = "x".repeat(3 * 1024 * 1024 + 1);
        // Expect: 100-continue lets the server refuse by Content-Length before the client writes 3 MiB.
        HttpResponse<String> response = Admission.httpClient().send(HttpRequest.newBuilder(Admission.uri("/validate"))
                .expectContinue(true)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"pad\":\"" + padding + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertStillAnswering();
    }

    @Test
    void jsonNestedDeeperThanTheLimitIs400() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        https().contentType(ContentType.JSON)
                .body("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"x\":" + deep + "}}")
                .post("/validate")
                .then().statusCode(400).body("error", equalTo("the body is nested deeper than 100 levels"));
        assertStillAnswering();
    }

    @Test
    void aKeyLongerThanTheParserLimitIsReportedAsSuch() {
        String key = "k".repeat(50_001);
        https().contentType(ContentType.JSON)
                .body("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"" + key + "\":1}}")
                .post("/validate")
                .then().statusCode(400).body("error", equalTo("a key in the body is longer than 50000 characters"));
        assertStillAnswering();
    }

    @Test
    void anUnknownOperationIs400() {
        https().contentType(ContentType.JSON)
                .body("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"operation\":\"PATCH\"}}")
                .post("/validate")
                .then().statusCode(400).body("error", equalTo("request.operation must be CREATE, UPDATE, DELETE or CONNECT"));
    }

    @Test
    void plainHttpIsNotServed() {
        assertThat(portAnswersPlainHttp()).isFalse();
    }

    private static boolean portAnswersPlainHttp() {
        try {
            io.restassured.RestAssured.given().baseUri("http://localhost").port(Admission.PLAIN_HTTP_PORT).get("/validate");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static void assertStillAnswering() {
        assertThat(Admission.validate("reviews/configmap-create-unguarded.yaml").path("allowed").asBoolean()).isTrue();
    }
}
