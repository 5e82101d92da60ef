package io.cassguard.support;

import io.cassguard.engine.fixtures.EngineFixtures;
import io.cassguard.engine.fixtures.ValidationCase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import org.eclipse.microprofile.config.ConfigProvider;
import io.restassured.RestAssured;
import io.restassured.config.SSLConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Talks to the webhook over real HTTPS, verifying its certificate against the dev CA, with fixtures from resources. */
public final class Admission {

    /** Test ports come from configuration, so that parallel runs can move them (e.g. QUARKUS_HTTP_TEST_SSL_PORT). */
    public static final int HTTPS_PORT = port("quarkus.http.test-ssl-port");
    public static final int MANAGEMENT_PORT = port("quarkus.management.test-port");
    public static final int PLAIN_HTTP_PORT = port("quarkus.http.test-port");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Admission() {
    }

    /** A request to https://localhost:8444 that trusts only the development CA. */
    public static RequestSpecification https() {
        return RestAssured.given()
                .baseUri("https://localhost")
                .port(HTTPS_PORT)
                .config(RestAssured.config().sslConfig(SSLConfig.sslConfig().trustStore(caTrustStore())));
    }

    public static RequestSpecification management() {
        return RestAssured.given().baseUri("http://localhost").port(MANAGEMENT_PORT);
    }

    /** A YAML or JSON fixture from src/test/resources, e.g. {@code reviews/sts-delete-refused.yaml}. */
    public static JsonNode fixture(String path) {
        return EngineFixtures.resource(path);
    }

    /** Posts a review to a webhook path and returns its {@code response}, after checking HTTP 200 and the envelope. */
    public static JsonNode post(String webhook, JsonNode review) {
        String body = https().contentType(ContentType.JSON).body(review.toString())
                .post(webhook).then().statusCode(200).contentType(ContentType.JSON).extract().asString();
        try {
            JsonNode answer = JSON.readTree(body);
            if (!"admission.k8s.io/v1".equals(answer.path("apiVersion").asText())
                    || !"AdmissionReview".equals(answer.path("kind").asText())
                    || !review.path("request").path("uid").equals(answer.path("response").path("uid"))) {
                throw new AssertionError("not an AdmissionReview answer echoing the uid: " + body);
            }
            return answer.get("response");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Posts the case's fixture to /validate over HTTPS and checks the answer, the envelope of a denial included. */
    public static void check(ValidationCase validationCase) {
        JsonNode response = validate(validationCase.review());
        boolean allowed = response.path("allowed").asBoolean();
        if (allowed) {
            assertThat(response.has("status")).as("status of an allowed request").isFalse();
        } else {
            assertThat(response.at("/status/code").asInt()).isEqualTo(403);
            assertThat(response.at("/status/reason").asText()).isEqualTo("Forbidden");
        }
        validationCase.check(new ValidationCase.Answer(allowed, allowed ? null : response.at("/status/message").asText(),
                texts(response.path("warnings"))));
    }

    /** The texts of a JSON array, e.g. {@code response.warnings}; none for a missing one. */
    public static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    public static JsonNode validate(String fixture) {
        return post("/validate", fixture(fixture));
    }

    public static JsonNode mutate(String fixture) {
        return post("/mutate", fixture(fixture));
    }

    /** The decoded JSON Patch of a mutation response, or null when there is none. */
    public static JsonNode patch(JsonNode response) {
        if (!response.has("patch")) {
            return null;
        }
        if (!"JSONPatch".equals(response.path("patchType").asText())) {
            throw new AssertionError("patchType must be JSONPatch: " + response);
        }
        try {
            return JSON.readTree(new String(Base64.getDecoder().decode(response.get("patch").asText()), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request's object with the response's patch applied, as the API server would store it. */
    public static JsonNode patched(JsonNode review, JsonNode response) {
        JsonNode object = review.path("request").path("object");
        JsonNode patch = patch(response);
        return patch == null ? object : JsonPatch.apply(patch, object);
    }

    /** A copy of a review with a different user and groups. */
    public static JsonNode asUser(JsonNode review, String user, String... groups) {
        ObjectNode copy = review.deepCopy();
        ObjectNode userInfo = ((ObjectNode) copy.get("request")).putObject("userInfo");
        userInfo.put("username", user);
        var array = userInfo.putArray("groups");
        for (String group : groups) {
            array.add(group);
        }
        return copy;
    }

    /** A JDK HTTP client that trusts only the development CA, for what rest-assured cannot send. */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tlsContext()).build();
    }

    /** A TLS context that trusts only the development CA. */
    public static SSLContext tlsContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(caTrustStore());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a TLS client", e);
        }
    }

    public static URI uri(String path) {
        return URI.create("https://localhost:" + HTTPS_PORT + path);
    }

    private static int port(String property) {
        return ConfigProvider.getConfig().getValue(property, Integer.class);
    }

    private static KeyStore caTrustStore() {
        try (InputStream in = Files.newInputStream(TestEnvironment.CERTS.resolve("ca.crt"))) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("cassguard-dev-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            return store;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test CA", e);
        }
    }
}
