package io.cassguard.service.audit.read;

import io.cassguard.support.InCluster;
import io.cassguard.support.KubernetesApiMock;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cassguard.support.Admission.https;
import static io.cassguard.support.Admission.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Who may read the audit in-cluster (docs/webhook.md): a bearer token the Kubernetes API accepts (TokenReview) whose user
 * RBAC allows {@code get} on {@code auditrecords.cassguard.io} (SubjectAccessReview). The mock API server knows two
 * tokens: an auditor's, whose group is granted, and a developer's, whose is not.
 */
@QuarkusTest
@TestProfile(InCluster.class)
class AuditAccessTest {

    private static final String AUDITOR_TOKEN = "auditor-token";
    private static final String DEVELOPER_TOKEN = "developer-token";

    @KubernetesApiMock.Server
    KubernetesMockServer api;

    @BeforeEach
    void kubernetesKnowsAnAuditorAndADeveloper() {
        api.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews")
                .andReply(201, AuditAccessTest::reviewToken).always();
        api.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews")
                .andReply(201, AuditAccessTest::reviewAccess).always();
    }

    @AfterEach
    void forgetExpectations() {
        api.clearExpectations();
    }

    @Test
    void aUserAllowedToGetAuditRecordsReadsTheAuditAndTheReport() {
        https().auth().oauth2(AUDITOR_TOKEN).get("/audit").then().statusCode(200).contentType(ContentType.JSON);
        https().auth().oauth2(AUDITOR_TOKEN).get("/audit?format=csv").then().statusCode(200).contentType("text/csv");
        https().auth().oauth2(AUDITOR_TOKEN).get("/audit/report").then().statusCode(200).contentType(ContentType.HTML);
    }

    @Test
    void withoutATokenTheAuditAsksForOne() {
        https().get("/audit").then().statusCode(401).contentType(ContentType.JSON)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("error", equalTo("a Kubernetes bearer token is required (Authorization: Bearer <token>)"));
        https().get("/audit/report").then().statusCode(401);
    }

    @Test
    void aTokenTheKubernetesApiRefusesIsUnauthorized() {
        https().auth().oauth2("stolen-or-expired").get("/audit").then().statusCode(401).contentType(ContentType.JSON)
                .body("error", equalTo("the Kubernetes API did not accept the bearer token"));
    }

    @Test
    void aUserWithoutTheRbacGrantIsForbidden() {
        https().auth().oauth2(DEVELOPER_TOKEN).get("/audit").then().statusCode(403).contentType(ContentType.JSON)
                .body("error", equalTo("user dev may not get auditrecords.cassguard.io; grant it with an RBAC role"
                        + " (verbs: [get], apiGroups: [cassguard.io], resources: [auditrecords])"));
    }

    @Test
    void whenTheKubernetesApiFailsTheAuditIsUnavailable() {
        api.clearExpectations();
        api.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews").andReturn(500, "etcd is down").always();

        https().auth().oauth2(AUDITOR_TOKEN).get("/audit").then().statusCode(503).contentType(ContentType.JSON)
                .body("error", equalTo("the Kubernetes API cannot be asked about the token right now; try again"));
    }

    @Test
    void admissionNeedsNoToken() {
        assertThat(validate("reviews/statefulset-delete-unprotected.yaml").path("allowed").asBoolean()).isFalse();
    }

    private static TokenReview reviewToken(RecordedRequest request) {
        TokenReview review = Serialization.unmarshal(request.getUtf8Body(), TokenReview.class);
        TokenReviewStatusBuilder status = new TokenReviewStatusBuilder();
        switch (review.getSpec().getToken()) {
            case AUDITOR_TOKEN -> status.withAuthenticated(true).withNewUser()
                    .withUsername("jane").withUid("u-1").withGroups(List.of("auditors", "system:authenticated")).endUser();
            case DEVELOPER_TOKEN -> status.withAuthenticated(true).withNewUser()
                    .withUsername("dev").withUid("u-2").withGroups(List.of("developers", "system:authenticated")).endUser();
            default -> status.withAuthenticated(false).withError("invalid bearer token");
        }
        review.setStatus(status.build());
        return review;
    }

    /** RBAC of the test cluster: group auditors may get auditrecords.cassguard.io, nobody else may. */
    private static SubjectAccessReview reviewAccess(RecordedRequest request) {
        SubjectAccessReview review = Serialization.unmarshal(request.getUtf8Body(), SubjectAccessReview.class);
        ResourceAttributes asked = review.getSpec().getResourceAttributes();
        boolean allowed = review.getSpec().getGroups().contains("auditors") && "get".equals(asked.getVerb())
                && "cassguard.io".equals(asked.getGroup()) && "auditrecords".equals(asked.getResource());
        review.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(allowed)
                .withReason(allowed ? "RBAC: allowed by ClusterRoleBinding audit-readers" : "").build());
        return review;
    }
}
