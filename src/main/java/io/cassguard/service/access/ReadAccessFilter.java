package io.cassguard.service.access;

import io.cassguard.service.http.ErrorBody;
import io.cassguard.service.kubernetes.ClusterMode;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Guards the endpoints marked {@link ReadAccess}. In-cluster: 401 without a bearer token or with one the Kubernetes
 * API does not accept, 403 when RBAC does not allow {@code get} on the resource, 503 when the API cannot be asked.
 * Standalone: 403 unless the client connects from loopback (there is nobody to ask, so only the local user may read).
 */
public class ReadAccessFilter {

    private static final Logger LOG = Logger.getLogger(ReadAccessFilter.class);
    private static final String BEARER = "Bearer ";

    private final ClusterMode mode;
    private final KubernetesAccessReview review;

    public ReadAccessFilter(ClusterMode mode, KubernetesAccessReview review) {
        this.mode = mode;
        this.review = review;
    }

    /** Runs on the worker thread of the (blocking) endpoint, so the calls to the API server may block. */
    @ReadAccess
    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext context, ResourceInfo resourceInfo, HttpServerRequest http) {
        String resource = resource(resourceInfo);
        if (!mode.inCluster()) {
            return isLoopback(http) ? Optional.empty()
                    : deny(403, "standalone mode: " + context.getUriInfo().getPath() + " answers on loopback only");
        }
        String authorization = context.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith(BEARER) || authorization.length() == BEARER.length()) {
            return deny(401, "a Kubernetes bearer token is required (Authorization: Bearer <token>)");
        }
        KubernetesAccessReview.Result result = review.check(authorization.substring(BEARER.length()).strip(), resource);
        return switch (result.outcome()) {
            case ALLOWED -> Optional.empty();
            case UNAUTHENTICATED -> deny(401, "the Kubernetes API did not accept the bearer token");
            case FORBIDDEN -> deny(403, "user " + result.user() + " may not get " + resource + "." + KubernetesAccessReview.GROUP
                    + "; grant it with an RBAC role (verbs: [get], apiGroups: [" + KubernetesAccessReview.GROUP
                    + "], resources: [" + resource + "])");
            case UNAVAILABLE -> {
                LOG.warnf("cannot review a token with the Kubernetes API: %s", result.detail());
                yield deny(503, "the Kubernetes API cannot be asked about the token right now; try again");
            }
        };
    }

    private static String resource(ResourceInfo info) {
        ReadAccess onMethod = info.getResourceMethod().getAnnotation(ReadAccess.class);
        ReadAccess access = onMethod != null ? onMethod : info.getResourceClass().getAnnotation(ReadAccess.class);
        return access.value();
    }

    private static boolean isLoopback(HttpServerRequest http) {
        if (http.remoteAddress() == null || http.remoteAddress().hostAddress() == null) {
            return false;
        }
        try {
            return InetAddress.getByName(http.remoteAddress().hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Optional<Response> deny(int status, String message) {
        Response.ResponseBuilder response = ErrorBody.response(status, message);
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"cassguard\"");
        }
        return Optional.of(response.build());
    }
}
