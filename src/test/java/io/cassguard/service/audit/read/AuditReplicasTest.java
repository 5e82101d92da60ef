package io.cassguard.service.audit.read;

import io.cassguard.service.audit.AuditFormats;
import io.cassguard.service.audit.AuditQuery;
import io.cassguard.service.audit.AuditRecord;
import io.cassguard.service.audit.InvalidQueryException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.model.Operation;
import io.cassguard.model.Verdict;
import io.cassguard.support.InClusterReplicas;
import io.cassguard.support.KubernetesApiMock;
import io.cassguard.support.TestEnvironment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.cassguard.support.Admission.asUser;
import static io.cassguard.support.Admission.fixture;
import static io.cassguard.support.Admission.https;
import static io.cassguard.engine.fixtures.EngineFixtures.inNamespace;
import static io.cassguard.support.Admission.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas of one deployment (docs/audit.md): this one, {@value InClusterReplicas#SELF}, under test, and
 * {@value #PEER}, a second replica in this JVM that speaks the replicas' protocol ({@code GET /audit?local=true})
 * over HTTPS with the same serving certificate, from its own records, checking the bearer token it is given.
 * Both are found the way a pod finds them: the ready endpoints of the headless Service {@code cassguard-peers} in
 * the mock API server.
 */
@QuarkusTest
@TestProfile(InClusterReplicas.class)
class AuditReplicasTest {

    private static final String PEER = "cassguard-1";
    private static final String TOKEN = "auditor-token";
    private static final String NAMESPACE = "replicas";
    /** Each test's records are its user's, told apart from those of the tests before it. */
    private final String user = "auditee-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    @KubernetesApiMock.Api
    KubernetesApiMock api;

    private final List<String> peerRequests = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private HttpServer peer;
    /** The records of the other replica. */
    private final List<AuditRecord> peerRecords = new CopyOnWriteArrayList<>();
    private String ownUid;

    @BeforeEach
    void twoReplicasEachWithARecord() throws Exception {
        api.acceptReader(TOKEN);
        JsonNode denial = asUser(inNamespace(fixture("reviews/statefulset-delete-unprotected.yaml"), NAMESPACE), user, "g");
        ownUid = UUID.randomUUID().toString();
        ((ObjectNode) denial.get("request")).put("uid", ownUid);
        post("/validate", denial);

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        peerRecords.add(record("peer-only", now.minusSeconds(5)));
        // the API server retried the same request on the other replica: one record, not two
        peerRecords.add(record(ownUid, now.minusSeconds(1)));

        vertx = Vertx.vertx();
        peer = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath(TestEnvironment.CERTS.resolve("tls.crt").toString())
                        .setKeyPath(TestEnvironment.CERTS.resolve("tls.key").toString())))
                .requestHandler(request -> {
                    peerRequests.add(request.uri() + " " + request.getHeader("Authorization"));
                    if (!("Bearer " + TOKEN).equals(request.getHeader("Authorization"))) {
                        request.response().setStatusCode(401).end();
                        return;
                    }
                    try {
                        Map<String, List<String>> parameters = request.params().names().stream()
                                .collect(Collectors.toMap(name -> name, name -> request.params().getAll(name)));
                        AuditQuery query = AuditQuery.parse(parameters, Set.of(PeerAudit.LOCAL), Instant.now());
                        request.response().putHeader("Content-Type", "application/json")
                                .end(AuditFormats.json(peerRecords.stream().filter(query::matches)
                                        .sorted(Comparator.comparing(AuditRecord::time).reversed())
                                        .limit(query.limit()).toList()));
                    } catch (InvalidQueryException e) {
                        request.response().setStatusCode(400).end(e.getMessage());
                    }
                })
                .listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        api.client().resource(endpoints(peer.actualPort())).create();
    }

    @AfterEach
    void stopThePeer() throws Exception {
        api.client().resource(endpoints(0)).delete();
        api.forgetExpectations();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theAuditAnswersWithTheRecordsOfBothReplicasNewestFirstEachOnce() throws IOException {
        JsonNode answer = audit("/audit?user=" + user);

        assertThat(answer.get("partial").asBoolean()).isFalse();
        assertThat(answer.get("replicas")).extracting(JsonNode::asText).containsExactly(InClusterReplicas.SELF, PEER);
        assertThat(answer.get("unanswered")).isEmpty();
        assertThat(answer.get("records")).extracting(r -> r.get("uid").asText()).containsExactly(ownUid, "peer-only");
        assertThat(peerRequests).containsExactly("/audit?user=" + user + "&limit=100&local=true Bearer " + TOKEN);
    }

    @Test
    void askedByTheOtherReplicaItAnswersWithItsOwnRecordsOnly() throws IOException {
        JsonNode answer = audit("/audit?local=true&user=" + user);

        assertThat(answer).extracting(r -> r.get("uid").asText()).containsExactly(ownUid);
        assertThat(peerRequests).isEmpty();
    }

    @Test
    void theCsvAndTheReportShowBothReplicas() {
        String csv = https().auth().oauth2(TOKEN).get("/audit?format=csv&user=" + user).then().statusCode(200)
                .header(AuditResource.PARTIAL_HEADER, "false").extract().asString();
        String report = https().auth().oauth2(TOKEN).get("/audit/report?user=" + user).then().statusCode(200)
                .extract().asString();

        assertThat(csv.lines()).hasSize(3).anyMatch(line -> line.contains("peer-only")).anyMatch(line -> line.contains(ownUid));
        assertThat(report).contains("replicas " + InClusterReplicas.SELF + ", " + PEER).doesNotContain("Partial report");
    }

    @Test
    void whenTheOtherReplicaIsStoppedTheAnswerIsPartialAndNamesIt() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        JsonNode answer = audit("/audit?user=" + user);
        String report = https().auth().oauth2(TOKEN).get("/audit/report?user=" + user).then().statusCode(200)
                .extract().asString();

        assertThat(answer.get("partial").asBoolean()).isTrue();
        assertThat(answer.get("unanswered")).extracting(JsonNode::asText).containsExactly(PEER);
        assertThat(answer.get("records")).extracting(r -> r.get("uid").asText()).containsExactly(ownUid);
        assertThat(report).contains("Partial report").contains(PEER + " did not answer in time");
    }

    private static JsonNode audit(String path) throws IOException {
        return JSON.readTree(https().auth().oauth2(TOKEN).get(path).then().statusCode(200).extract().asString());
    }

    /** The headless Service's slice: this replica (left out by name) and the peer on loopback. */
    private static EndpointSlice endpoints(int peerPort) {
        return new EndpointSliceBuilder().withNewMetadata().withName("cassguard-peers-abcde")
                .withNamespace(KubernetesApiMock.NAMESPACE).addToLabels("kubernetes.io/service-name", "cassguard-peers")
                .endMetadata()
                .withAddressType("IPv4")
                .addNewPort().withName("https").withPort(peerPort).withProtocol("TCP").endPort()
                .addNewEndpoint().withAddresses("10.0.0.10").withNewConditions().withReady(true).endConditions()
                .withNewTargetRef().withKind("Pod").withName(InClusterReplicas.SELF).endTargetRef().endEndpoint()
                .addNewEndpoint().withAddresses("127.0.0.1").withNewConditions().withReady(true).endConditions()
                .withNewTargetRef().withKind("Pod").withName(PEER).endTargetRef().endEndpoint()
                .build();
    }

    private AuditRecord record(String uid, Instant time) {
        return new AuditRecord(time, uid, Operation.DELETE, "StatefulSet", "", NAMESPACE, "cassandra-dc1-rack1", user,
                List.of("g"), Verdict.DENIED, List.of("deletion-protection"), List.of("[deletion-protection] protected"),
                false, "default", null, Map.of("deletion-protection", Verdict.DENIED));
    }
}
