package io.cassguard.service.admission;

import io.cassguard.service.metrics.Meters;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cassguard.service.admission.AdmissionEndpoint.Reply;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.cassguard.service.config.CassguardConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Function;

/**
 * The HTTP side of {@code POST /validate} and {@code /mutate}: reads the body within limits, hands it to the
 * {@link AdmissionEndpoint} and sends its reply. A body too large or too slow gets an answer the client can read
 * (docs/webhook.md): 413 for one above {@code quarkus.http.limits.max-body-size}, 408 for one that has not arrived after
 * {@code cassguard.admission.body-timeout}, both with the JSON error body, over HTTP/1.1 and HTTP/2 alike.
 * <p>
 * Quarkus' own size check answers without a body and then closes the connection: a client still writing its body
 * (python requests, Go, the JDK client without {@code Expect: 100-continue}) gets a broken pipe instead of the answer,
 * and over HTTP/2, how the API server calls webhooks, the {@code Connection: close} header it sets is a protocol
 * error that resets every stream of the connection. Here a refusal is answered at once and what the client still
 * sends is read and dropped, so that it can finish writing and read the answer; a client that keeps sending past
 * the body timeout loses its HTTP/1.1 connection, or its HTTP/2 stream (reset with CANCEL).
 * <p>
 * Plain Vert.x routes rather than a REST resource: Quarkus REST cannot take over an HTTP/2 request whose body a route
 * has already read (it pauses the ended request, which Vert.x refuses: quarkusio/quarkus#34393).
 */
@ApplicationScoped
public class AdmissionRoutes {

    private static final Logger LOG = Logger.getLogger(AdmissionRoutes.class);
    /** Before Quarkus' check of the declared size, which would answer first. */
    private static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;
    /** RST_STREAM CANCEL (RFC 9113 §7): the stream is no longer needed. */
    private static final long CANCEL = 0x8;

    private final AdmissionEndpoint endpoint;
    private final Vertx vertx;
    private final ObjectMapper mapper;
    private final long maxSize;
    private final Duration timeout;
    private final Meters meters;

    public AdmissionRoutes(AdmissionEndpoint endpoint, Vertx vertx, ObjectMapper mapper, Meters meters,
                           @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxSize,
                           CassguardConfig config) {
        this.endpoint = endpoint;
        this.vertx = vertx;
        this.mapper = mapper;
        this.maxSize = maxSize.asLongValue();
        this.timeout = config.admission().bodyTimeout();
        this.meters = meters;
    }

    void routes(@Observes Router router) {
        router.post("/validate").order(ORDER).handler(context -> new Exchange(context, "validate", endpoint::validate).start());
        router.post("/mutate").order(ORDER).handler(context -> new Exchange(context, "mutate", endpoint::mutate).start());
    }

    /** One request and its reply; the callbacks of the request run on its event loop. */
    private final class Exchange {

        private final HttpServerRequest request;
        private final HttpServerResponse response;
        private final String webhook;
        private final Function<byte[], Uni<Reply>> decide;
        private Buffer received = Buffer.buffer();
        private boolean refused;
        private long timer;

        Exchange(RoutingContext context, String webhook, Function<byte[], Uni<Reply>> decide) {
            this.request = context.request();
            this.response = context.response();
            this.webhook = webhook;
            this.decide = decide;
        }

        void start() {
            boolean expectsContinue = "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT));
            boolean tooLarge = declaredLength() > maxSize;
            if (tooLarge && expectsContinue) {
                // the client waits for a word before it sends the body: refused now, it sends nothing more
                refuse(413, tooLargeMessage(), true);
                return;
            }
            timer = vertx.setTimer(timeout.toMillis(), id -> timedOut());
            request.handler(this::received);
            request.endHandler(ended -> ended());
            request.exceptionHandler(failure -> vertx.cancelTimer(timer));
            if (tooLarge) {
                refuse(413, tooLargeMessage(), false);
            } else if (expectsContinue) {
                response.writeContinue();
            }
            request.resume();
        }

        private void received(Buffer chunk) {
            if (refused) {
                return; // read and dropped, so that the client can finish writing and read the refusal
            }
            if (received.length() + (long) chunk.length() > maxSize) {
                received = null;
                refuse(413, tooLargeMessage(), false);
                return;
            }
            received.appendBuffer(chunk);
        }

        private void ended() {
            vertx.cancelTimer(timer);
            if (!refused) {
                byte[] body = received.getBytes();
                Uni.createFrom().deferred(() -> decide.apply(body)).subscribe().with(reply -> send(reply, false), this::failed);
            }
        }

        private void timedOut() {
            if (refused) {
                end(); // a refused body still coming after the timeout: no more of it is read
            } else {
                refuse(408, "the body has not arrived within " + describe(timeout), true);
            }
        }

        private void failed(Throwable failure) {
            LOG.errorf(failure, "unexpected error while answering a review on /%s", webhook);
            send(endpoint.error(500, "internal error; the cassguard log has the details"), false);
        }

        /** Answers with the JSON error; {@code last}: the rest of the body is not read, the exchange ends with it. */
        private void refuse(int status, String message, boolean last) {
            refused = true;
            meters.admissionRequest(webhook, "", "", "rejected");
            send(endpoint.error(status, message), last);
        }

        private void send(Reply reply, boolean last) {
            if (response.closed()) {
                return;
            }
            Buffer json;
            try {
                json = Buffer.buffer(mapper.writeValueAsBytes(reply.body()));
            } catch (JsonProcessingException e) {
                failed(e);
                return;
            }
            response.setStatusCode(reply.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
            if (last && request.version() != HttpVersion.HTTP_2) {
                response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            }
            response.end(json).onComplete(written -> {
                if (last) {
                    end();
                }
            });
        }

        /** Ends an exchange whose body will not be read to its end: its HTTP/2 stream, or its HTTP/1.1 connection. */
        private void end() {
            if (response.closed()) {
                return;
            }
            if (request.version() == HttpVersion.HTTP_2) {
                response.reset(CANCEL);
            } else {
                request.connection().close();
            }
        }

        private long declaredLength() {
            try {
                String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
                return length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    private String tooLargeMessage() {
        return "the body is larger than " + describe(maxSize);
    }

    private static String describe(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    private static String describe(Duration duration) {
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + " ms";
        }
        return duration.toSeconds() == 1 ? "1 second" : duration.toSeconds() + " seconds";
    }
}
