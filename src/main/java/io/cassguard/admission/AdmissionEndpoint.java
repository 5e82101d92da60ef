package io.cassguard.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cassguard.metrics.TaggedMeters;
import io.cassguard.mutations.MutationEngine;
import io.cassguard.rules.Decision;
import io.cassguard.rules.ValidationEngine;
import io.cassguard.rules.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code POST /validate} and {@code POST /mutate}: AdmissionReview in, AdmissionReview out (DESIGN §3). The body comes
 * read within the size and time limits by {@link io.cassguard.service.admission.AdmissionRoutes}, which sends the reply.
 */
@ApplicationScoped
public class AdmissionEndpoint {

    private final ReviewParser parser;
    private final ValidationEngine validation;
    private final MutationEngine mutation;
    private final Event<ValidationDecided> validated;
    private final Event<MutationDecided> mutated;
    private final TaggedMeters<Counter> requests;
    private final TaggedMeters<Timer> durations;
    private final ObjectMapper mapper;

    public AdmissionEndpoint(ReviewParser parser, ValidationEngine validation, MutationEngine mutation,
                             Event<ValidationDecided> validated, Event<MutationDecided> mutated,
                             MeterRegistry metrics, ObjectMapper mapper) {
        this.parser = parser;
        this.validation = validation;
        this.mutation = mutation;
        this.validated = validated;
        this.mutated = mutated;
        this.requests = TaggedMeters.counters(metrics, "cassguard.admission.requests",
                "webhook", "kind", "operation", "decision");
        this.durations = new TaggedMeters<>(tags -> Timer.builder("cassguard.admission.duration")
                .tags(tags).publishPercentileHistogram().register(metrics), "webhook", "kind", "operation");
        this.mapper = mapper;
    }

    /** The reply to an AdmissionReview posted to /validate. */
    public Uni<Reply> validate(byte[] body) {
        return answer("validate", body, request -> {
            Decision decision = validation.validate(request);
            return new Answer(ReviewResponses.validation(request.uid(), decision), decision.verdict(),
                    () -> validated.fire(new ValidationDecided(request, decision)));
        });
    }

    /** The reply to an AdmissionReview posted to /mutate. */
    public Uni<Reply> mutate(byte[] body) {
        return answer("mutate", body, request -> {
            MutationEngine.Result result = mutation.mutate(request);
            return new Answer(ReviewResponses.mutation(request.uid(), result.patch()),
                    result.patch() == null ? Verdict.ALLOWED : Verdict.MUTATED,
                    () -> mutated.fire(new MutationDecided(request, result)));
        });
    }

    /** @param announce fires the decision to its observers */
    private record Answer(Object review, Verdict decision, Runnable announce) {
    }

    /** An HTTP status and what goes as JSON in the body: the AdmissionReview, or an error. */
    public record Reply(int status, Object body) {
    }

    /**
     * Parsing and deciding are short computations and run on the event loop. Recording a decision (DESIGN §10: every
     * decision but a plain allow) writes to disk and waits for it, which the event loop must not do: such answers
     * are finished on a worker thread. Either way the observers run before the answer leaves, so that a denial is
     * on disk before it is answered.
     */
    private Uni<Reply> answer(String webhook, byte[] body, Function<AdmissionRequest, Answer> decide) {
        long start = System.nanoTime();
        AdmissionRequest request;
        try {
            request = parser.parse(body);
        } catch (BadReviewException e) {
            requests.get(webhook, "", "", "rejected").increment();
            return Uni.createFrom().item(error(e.status(), e.getMessage()));
        }
        Answer answer = decide.apply(request);
        Uni<Reply> answered = Uni.createFrom().item(() -> {
            answer.announce().run();
            String operation = request.operation().name();
            requests.get(webhook, request.kind(), operation, answer.decision().label()).increment();
            durations.get(webhook, request.kind(), operation).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return new Reply(200, answer.review());
        });
        return answer.decision() == Verdict.ALLOWED ? answered
                : answered.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The JSON error of a body that gets no AdmissionReview back. */
    public Reply error(int status, String message) {
        return new Reply(status, mapper.createObjectNode().put("error", message).put("status", status));
    }
}
