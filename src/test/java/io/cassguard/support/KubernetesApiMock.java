package io.cassguard.support;

import io.cassguard.engine.cluster.CassandraCluster;
import io.cassguard.model.GuardrailPolicy;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The fabric8 mock Kubernetes API in CRUD mode for the application under test in in-cluster mode: with the CRDs
 * cassguard reads, room for expectations (TokenReview, SubjectAccessReview), a record of every write it receives,
 * and chosen paths answered with an error, to play an API server that misbehaves. Tests get the raw server in a
 * field marked {@link Server}, this resource (with its helpers) in a field marked {@link Api}.
 *
 * <p>Init args: {@code unavailable} = a path prefix answered 503 until {@link #heal()}; {@code not-served} = a path
 * prefix answered 404 (a CRD that is not installed) until {@link #heal()}.
 */
public class KubernetesApiMock implements QuarkusTestResourceLifecycleManager {

    /** Marks the test field that receives the running {@link KubernetesMockServer}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    /** Marks the test field that receives this resource. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Api {
    }

    public static final String NAMESPACE = "cassguard";
    private static final CustomResourceDefinitionContext POLICY_REPORTS = new CustomResourceDefinitionContext.Builder()
            .withGroup("wgpolicyk8s.io").withVersion("v1alpha2").withKind("PolicyReport").withPlural("policyreports")
            .withScope("Namespaced").build();

    private final Map<String, Integer> failing = new HashMap<>();
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final List<String> lists = new CopyOnWriteArrayList<>();
    private KubernetesMockServer server;
    private NamespacedKubernetesClient client;

    @Override
    public void init(Map<String, String> initArgs) {
        if (initArgs.containsKey("unavailable")) {
            failing.put(initArgs.get("unavailable"), 503);
        }
        if (initArgs.containsKey("not-served")) {
            failing.put(initArgs.get("not-served"), 404);
        }
    }

    @Override
    public Map<String, String> start() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(Serialization.jsonMapper()), new MockWebServer(), responses,
                new RecordingDispatcher(responses), false);
        server.init();
        server.expectCustomResource(CustomResourceDefinitionContext.fromCustomResourceType(CassandraCluster.class));
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder()
                .withGroup("cassguard.io").withVersion("v1alpha1").withKind("GuardrailPolicy")
                .withPlural("guardrailpolicies").withScope("Cluster").withStatusSubresource(true).build());
        server.expectCustomResource(POLICY_REPORTS);
        client = server.createClient();
        return Map.ofEntries(
                Map.entry("quarkus.kubernetes-client.api-server-url", server.url("/")),
                Map.entry("quarkus.kubernetes-client.namespace", NAMESPACE),
                Map.entry("quarkus.kubernetes-client.token", "cassguard-service-account-token"),
                // a failing call fails at once instead of after the client's backoff
                Map.entry("quarkus.kubernetes-client.request-retry-backoff-limit", "0"),
                Map.entry("quarkus.kubernetes-client.trust-certs", "true"),
                Map.entry("quarkus.kubernetes-client.watch-reconnect-interval", "PT0.1S"),
                Map.entry("cassguard.leader.lease-duration", "PT2S"),
                Map.entry("cassguard.leader.renew-deadline", "PT1.5S"),
                Map.entry("cassguard.leader.retry-period", "PT0.3S"),
                Map.entry("quarkus.log.category.\"io.fabric8.mockwebserver\".level", "WARN"),
                Map.entry("cassguard.controller.interval", "1s"),
                Map.entry("cassguard.watch.discovery-interval", "1s"));
    }

    @Override
    public void stop() {
        if (client != null) {
            client.close();
        }
        shutdown();
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.AnnotatedAndMatchesType(Api.class, KubernetesApiMock.class));
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Server.class, KubernetesMockServer.class));
    }

    /** A client of the mock server, as a cluster admin or an operator would write objects. */
    public NamespacedKubernetesClient client() {
        return client;
    }

    /**
     * Creates an object from a YAML fixture under src/test/resources (e.g. {@code live/orders-rack1-ready.yaml}) in
     * a namespace of the test's own, so that the tests sharing this server do not see each other's objects.
     */
    public <T extends HasMetadata> T create(String fixture, String namespace) {
        T object = load(fixture);
        object.getMetadata().setNamespace(namespace);
        return client.resource(object).create();
    }

    /** Creates a cluster-scoped object, such as a GuardrailPolicy, from a YAML fixture. */
    public <T extends HasMetadata> T create(String fixture) {
        return client.resource(KubernetesApiMock.<T>load(fixture)).create();
    }

    public static <T extends HasMetadata> T load(String fixture) {
        try (InputStream in = KubernetesApiMock.class.getClassLoader().getResourceAsStream(fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + fixture);
            }
            return Serialization.unmarshal(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PolicyReport cassguard keeps in a namespace, or null while there is none. */
    public GenericKubernetesResource policyReport(String namespace) {
        return client.genericKubernetesResources(POLICY_REPORTS).inNamespace(namespace).withName("cassguard").get();
    }

    /**
     * The API server accepts {@code token} as a user allowed to read cassguard's read endpoints: TokenReview and
     * SubjectAccessReview answer yes. Until {@link #forgetExpectations()}.
     */
    public void acceptReader(String token) {
        server.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews").andReply(201, request -> {
            TokenReview review = Serialization.unmarshal(request.getUtf8Body(), TokenReview.class);
            review.setStatus(new TokenReviewStatusBuilder().withAuthenticated(token.equals(review.getSpec().getToken()))
                    .withNewUser().withUsername("reader").endUser().build());
            return review;
        }).always();
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews").andReply(201, request -> {
            SubjectAccessReview review = Serialization.unmarshal(request.getUtf8Body(), SubjectAccessReview.class);
            review.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(true).build());
            return review;
        }).always();
    }

    public void forgetExpectations() {
        server.clearExpectations();
    }

    /** Every write (method and path) received so far, e.g. {@code PUT /apis/.../status}. */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    /** Every list (a GET without {@code watch}) received so far: its path and query. */
    public List<String> lists() {
        return List.copyOf(lists);
    }

    /** Stops answering the paths made to fail at start. */
    public synchronized void heal() {
        failing.clear();
    }

    /** The API server goes away: connections are refused from now on. */
    public void shutdown() {
        if (server != null) {
            server.destroy();
            server = null;
        }
    }

    private synchronized Integer failure(String path) {
        return failing.entrySet().stream().filter(entry -> path.startsWith(entry.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private class RecordingDispatcher extends KubernetesMixedDispatcher {

        RecordingDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
            super(responses);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            Integer failure = failure(request.getPath());
            if (failure != null) {
                return new MockResponse().setResponseCode(failure).setBody(
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + failure + "}");
            }
            if (!"GET".equals(request.getMethod())) {
                writes.add(request.getMethod() + " " + request.getPath());
            } else if (!request.getPath().contains("watch=true")) {
                lists.add(request.getPath());
            }
            return super.dispatch(request);
        }
    }
}
