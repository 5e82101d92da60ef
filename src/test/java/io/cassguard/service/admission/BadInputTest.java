package io.cassguard.service.admission;

import io.cassguard.support.Admission;
import io.cassguard.support.TestEnvironment;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemTrustOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.cassguard.support.Admission.https;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Bad input gets a clear 4xx JSON error, never a 5xx or a stack trace, and the service keeps answering (docs/webhook.md). */
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
    void aBodyAbove3MiBIs413BeforeItIsSentWhenTheClientExpects100Continue() throws Exception {
        // Expect: 100-continue lets the server refuse by Content-Length before the client writes 3 MiB. A raw
        // connection: the JDK 17 client waits forever for a refusal that has a body (fixed in later JDKs).
        String response = exchange("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Expect: 100-continue\r\nContent-Length: " + tooLarge().length() + "\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 413 ").contains("\r\nconnection: close\r\n");
        assertThat(body(response)).isEqualTo("{\"error\":\"the body is larger than 3 MiB\",\"status\":413}");
        assertStillAnswering();
    }

    @Test
    void aBodyAbove3MiBIs413OverHttp11WithoutExpect() throws Exception {
        HttpResponse<String> response = Admission.httpClient().send(post("/validate",
                HttpRequest.BodyPublishers.ofString(tooLarge())), HttpResponse.BodyHandlers.ofString());

        assertTooLarge(response);
        assertStillAnswering();
    }

    @Test
    void aChunkedBodyAbove3MiBIs413OverHttp11() throws Exception {
        // without a declared length the JDK client sends the body in chunks: the server counts what arrives
        HttpResponse<String> response = Admission.httpClient().send(post("/mutate",
                        HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(tooLarge()))),
                HttpResponse.BodyHandlers.ofString());

        assertTooLarge(response);
        assertStillAnswering();
    }

    @Test
    void aBodyAbove3MiBIs413OverHttp2() throws Exception {
        HttpResponse<String> response = http2Client().send(post("/mutate",
                HttpRequest.BodyPublishers.ofString(tooLarge())), HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertTooLarge(response);
        assertStillAnswering();
    }

    @Test
    void aBodyThatDoesNotArriveIs408OverHttp11() throws Exception {
        // the client has sent the headers and a first byte of the body it announced, then stalls
        String response = exchange("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{");

        assertThat(response).startsWith("HTTP/1.1 408 ").contains("\r\nconnection: close\r\n");
        assertThat(body(response)).isEqualTo("{\"error\":\"the body has not arrived within 3 seconds\",\"status\":408}");
        assertStillAnswering();
    }

    @Test
    void aBodyThatDoesNotArriveIs408OverHttp2() throws Exception {
        // a Vert.x client: the JDK one gives the answer only once it has sent the whole body
        Vertx vertx = Vertx.vertx();
        try {
            io.vertx.core.http.HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                    .setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true).setSsl(true)
                    .setTrustOptions(new PemTrustOptions().addCertPath(TestEnvironment.CERTS.resolve("ca.crt").toString())));
            // the body is asked for as the response arrives, on the event loop: asked for later, it may be gone
            Map.Entry<HttpClientResponse, Buffer> answer = client
                    .request(HttpMethod.POST, Admission.HTTPS_PORT, "localhost", "/validate")
                    .compose(request -> {
                        request.putHeader("content-type", "application/json").putHeader("content-length", "100");
                        request.write("{");
                        return request.response();
                    })
                    .compose(received -> received.body().map(content -> Map.entry(received, content)))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            HttpClientResponse response = answer.getKey();
            String body = answer.getValue().toString();

            assertThat(response.version()).isEqualTo(HttpVersion.HTTP_2);
            assertThat(response.statusCode()).isEqualTo(408);
            assertThat(response.getHeader("content-type")).isEqualTo("application/json");
            assertThat(body).isEqualTo("{\"error\":\"the body has not arrived within 3 seconds\",\"status\":408}");
        } finally {
            vertx.close();
        }
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

    private static String tooLarge() {
        return "{\"pad\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}";
    }

    private static HttpRequest post(String webhook, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(Admission.uri(webhook)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(body).build();
    }

    private static HttpClient http2Client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(Admission.tlsContext()).build();
    }

    private static void assertTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"error\":\"the body is larger than 3 MiB\",\"status\":413}");
    }

    /** Sends the start of a request on a connection of its own and reads until the server closes it. */
    private static String exchange(String start) throws IOException {
        try (SSLSocket socket = (SSLSocket) Admission.tlsContext().getSocketFactory()
                .createSocket("localhost", Admission.HTTPS_PORT)) {
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    private static void assertStillAnswering() {
        assertThat(Admission.validate("reviews/configmap-create-unguarded.yaml").path("allowed").asBoolean()).isTrue();
    }
}
