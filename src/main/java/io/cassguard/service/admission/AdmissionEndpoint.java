package io.cassguard.service.admission;

import io.cassguard.model.AdmissionRequest;
import io.cassguard.model.AdmissionReviewReader;
import io.cassguard.model.BadReviewException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.service.metrics.TaggedMeters;
import io.cassguard.engine.decision.MutationEngine;
import io.cassguard.engine.decision.Decision;
import io.cassguard.engine.decision.ValidationEngine;
import io.cassguard.model.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code POST /validate} and {@code POST /mutate}: AdmissionReview in, AdmissionReview out (DESIGN §3). The body comes
 * read within the size and time limits by {@link io.cassguard.service.admission.AdmissionRoutes}, which sends the reply.
 */
@ApplicationScoped
public class AdmissionEndpoint {

    private final AdmissionReviewReader parser;
    private final ValidationEngine validation;
    private final MutationEngine mutation;
    private final Event<ValidationDecided> validated;
    private final Event<MutationDecided> mutated;
    private final TaggedMeters<Counter> requests;
    private final TaggedMeters<Timer> durations;
    private final TaggedMeters<Counter> ruleResults;
    private final TaggedMeters<Counter> mutations;
    private final ObjectMapper mapper;

    /**
     * The buckets of the answer-time histogram: around the API server's timeouts (10 s at most, often 1-5 s) and the
     * slow-answer alert (0.5 s). Micrometer's default percentile histogram has about 70 buckets per webhook, kind and
     * operation: that many series to scrape and keep, for no finer answer to "is admission slow".
     */
    private static final Duration[] DURATION_BUCKETS = Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    public AdmissionEndpoint(AdmissionReviewReader parser, ValidationEngine validation, MutationEngine mutation,
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
                .tags(tags).serviceLevelObjectives(DURATION_BUCKETS).register(metrics), "webhook", "kind", "operation");
        this.ruleResults = TaggedMeters.counters(metrics, "cassguard.rule.results", "rule", "result");
        this.mutations = TaggedMeters.counters(metrics, "cassguard.mutations", "mutation");
        this.mapper = mapper;
    }

    /** The reply to an AdmissionReview posted to /validate. */
    public Uni<Reply> validate(byte[] body) {
        return answer("validate", body, request -> {
            Decision decision = validation.validate(request);
            decision.passed().forEach(rule -> ruleResults.get(rule, "pass").increment());
            decision.outcomes().forEach(outcome -> ruleResults.get(outcome.ruleId(), outcome.result().label()).increment());
            return new Answer(decision.verdict(), () -> {
                ValidationDecided decided = new ValidationDecided(request, decision);
                validated.fire(decided);
                if (!decided.needsRecord() || decided.isOnDisk()) {
                    return new Answered(ReviewResponses.validation(request.uid(), decision), decision.verdict());
                }
                Decision refused = ReviewResponses.auditUnavailable(decision);
                ruleResults.get(ReviewResponses.AUDIT_UNAVAILABLE, Verdict.DENIED.label()).increment();
                validated.fire(new ValidationDecided(request, refused));
                return new Answered(ReviewResponses.validation(request.uid(), refused), refused.verdict());
            });
        });
    }

    /** The reply to an AdmissionReview posted to /mutate. */
    public Uni<Reply> mutate(byte[] body) {
        return answer("mutate", body, request -> {
            MutationEngine.Result result = mutation.mutate(request);
            result.injected().forEach(id -> mutations.get(id).increment());
            Verdict verdict = result.patch() == null ? Verdict.ALLOWED : Verdict.MUTATED;
            return new Answer(verdict, () -> {
                mutated.fire(new MutationDecided(request, result));
                return new Answered(ReviewResponses.mutation(request.uid(), result), verdict);
            });
        });
    }

    /**
     * @param decision what was decided
     * @param announce fires the decision to its observers, then gives the answer: the decision's own, or a refusal
     *                 when an override or exemption could not be recorded
     */
    private record Answer(Verdict decision, Supplier<Answered> announce) {
    }

    private record Answered(Object review, Verdict decision) {
    }

    /** An HTTP status and what goes as JSON in the body: the AdmissionReview, or an error. */
    public record Reply(int status, Object body) {
    }

    /**
     * Parsing and deciding are short computations and run on the event loop, and so does the answer unless it waits
     * for its audit record to reach the disk ({@link Verdict#answerWaitsForRecord}), which the event loop must not
     * do: such answers are finished on a worker thread. Either way the observers run before the answer leaves, so
     * that a denial is on disk before it is answered. (A mutation's record is written, not forced: answering it
     * here spares two thread hand-offs per mutation.)
     */
    private Uni<Reply> answer(String webhook, byte[] body, Function<AdmissionRequest, Answer> decide) {
        long start = System.nanoTime();
        AdmissionRequest request;
        try {
            request = parser.parse(body);
        } catch (BadReviewException e) {
            requests.get(webhook, "", "", "rejected").increment();
            return Uni.createFrom().item(error(400, e.getMessage()));
        }
        Answer answer = decide.apply(request);
        Uni<Reply> answered = Uni.createFrom().item(() -> {
            Answered review = answer.announce().get();
            String operation = request.operation().name();
            requests.get(webhook, request.kind(), operation, review.decision().label()).increment();
            durations.get(webhook, request.kind(), operation).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return new Reply(200, review.review());
        });
        return answer.decision().answerWaitsForRecord()
                ? answered.runSubscriptionOn(Infrastructure.getDefaultWorkerPool()) : answered;
    }

    /** The JSON error of a body that gets no AdmissionReview back. */
    public Reply error(int status, String message) {
        return new Reply(status, mapper.createObjectNode().put("error", message).put("status", status));
    }
}
