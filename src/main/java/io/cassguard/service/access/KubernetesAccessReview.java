package io.cassguard.service.access;

import io.cassguard.service.kubernetes.ApiServerErrors;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * Asks the Kubernetes API who a bearer token belongs to (TokenReview) and whether that user may {@code get} a
 * cassguard resource (SubjectAccessReview), the way the API server's own delegated authorization works. Only used
 * in-cluster: standalone mode never creates the client.
 */
@ApplicationScoped
public class KubernetesAccessReview {

    public static final String GROUP = "cassguard.io";

    public enum Outcome { ALLOWED, UNAUTHENTICATED, FORBIDDEN, UNAVAILABLE }

    /** @param user the authenticated user name, when known */
    public record Result(Outcome outcome, String user, String detail) {
    }

    private final Instance<KubernetesClient> client;

    public KubernetesAccessReview(Instance<KubernetesClient> client) {
        this.client = client;
    }

    public Result check(String token, String resource) {
        try {
            TokenReview review = client.get().authentication().v1().tokenReviews().create(new TokenReviewBuilder()
                    .withNewSpec().withToken(token).endSpec().build());
            if (review.getStatus() == null || !Boolean.TRUE.equals(review.getStatus().getAuthenticated())
                    || review.getStatus().getUser() == null) {
                String error = review.getStatus() == null ? null : review.getStatus().getError();
                return new Result(Outcome.UNAUTHENTICATED, null, error);
            }
            UserInfo user = review.getStatus().getUser();
            SubjectAccessReview access = client.get().authorization().v1().subjectAccessReview().create(
                    new SubjectAccessReviewBuilder().withNewSpec()
                            .withUser(user.getUsername())
                            .withGroups(user.getGroups())
                            .withUid(user.getUid())
                            .withExtra(user.getExtra())
                            .withNewResourceAttributes().withVerb("get").withGroup(GROUP).withResource(resource)
                            .endResourceAttributes()
                            .endSpec().build());
            boolean allowed = access.getStatus() != null && Boolean.TRUE.equals(access.getStatus().getAllowed());
            return new Result(allowed ? Outcome.ALLOWED : Outcome.FORBIDDEN, user.getUsername(),
                    access.getStatus() == null ? null : access.getStatus().getReason());
        } catch (KubernetesClientException e) {
            return new Result(Outcome.UNAVAILABLE, null, ApiServerErrors.brief(e));
        }
    }
}
