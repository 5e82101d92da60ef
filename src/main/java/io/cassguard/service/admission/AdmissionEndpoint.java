package io.cassguard.service.admission;

import io.cassguard.engine.decision.Decision;
import io.cassguard.engine.decision.MutationEngine;
import io.cassguard.engine.decision.ValidationEngine;
import io.cassguard.model.AdmissionRequest;
import io.cassguard.model.AdmissionReviewReader;
import io.cassguard.model.BadReviewException;
import io.cassguard.model.Verdict;
import io.cassguard.service.http.ErrorBody;
import io.cassguard.service.metrics.Meters;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code POST /validate} and {@code POST /mutate}: AdmissionReview in, AdmissionReview out (docs/webhook.md). The body
 * comes read within the size and time limits by {@link AdmissionRoutes}, which sends the reply. Every decision is
 * recorded through the {@link DecisionLog} before its answer leaves.
 */
@ApplicationScoped
public class AdmissionEndpoint {

    private final AdmissionReviewReader parser;
    private final ValidationEngine validation;
    private final MutationEngine mutation;
    private final DecisionLog log;
    private final Meters meters;

    public AdmissionEndpoint(AdmissionReviewReader parser, ValidationEngine validation, MutationEngine mutation,
                             DecisionLog log, Meters meters) {
        this.parser = parser;
        this.validation = validation;
        this.mutation = mutation;
        this.log = log;
        this.meters = meters;
    }

    /** The reply to an AdmissionReview posted to /validate. */
    public Uni<Reply> validate(byte[] body) {
        return answer("validate", body, request -> {
            Decision decision = validation.validate(request);
            decision.passed().forEach(rule -> meters.ruleResult(rule, "pass"));
            decision.outcomes().forEach(outcome -> meters.ruleResult(outcome.ruleId(), outcome.result().label()));
            return new Answer(decision.verdict(), () -> recorded(request, decision));
        });
    }

    /**
     * The answer to a decision once it is recorded: the decision's own, unless it lets a change through on the
     * strength of a record that did not reach the disk. Then it is refused with {@code [audit-unavailable]}, and the
     * refusal is what the audit trail keeps.
     */
    private Answered recorded(AdmissionRequest request, Decision decision) {
        boolean onDisk = log.validated(request, decision);
        if (onDisk || !decision.verdict().letsThroughOnItsRecord()) {
            return new Answered(ReviewResponses.validation(request.uid(), decision), decision.verdict());
        }
        Decision refused = ReviewResponses.auditUnavailable(decision);
        meters.ruleResult(ReviewResponses.AUDIT_UNAVAILABLE, Verdict.DENIED.label());
        log.validated(request, refused);
        return new Answered(ReviewResponses.validation(request.uid(), refused), refused.verdict());
    }

    /** The reply to an AdmissionReview posted to /mutate. */
    public Uni<Reply> mutate(byte[] body) {
        return answer("mutate", body, request -> {
            MutationEngine.Result result = mutation.mutate(request);
            result.injected().forEach(meters::mutation);
            Verdict verdict = result.patch() == null ? Verdict.ALLOWED : Verdict.MUTATED;
            return new Answer(verdict, () -> {
                if (result.patch() != null) {
                    log.mutated(request, result);
                }
                return new Answered(ReviewResponses.mutation(request.uid(), result), verdict);
            });
        });
    }

    /**
     * @param decision what was decided
     * @param recorded records the decision, then gives the answer: the decision's own, or a refusal when an override
     *                 or exemption could not be recorded
     */
    private record Answer(Verdict decision, Supplier<Answered> recorded) {
    }

    private record Answered(Object review, Verdict decision) {
    }

    /** An HTTP status and what goes as JSON in the body: the AdmissionReview, or an error. */
    public record Reply(int status, Object body) {
    }

    /**
     * Parsing and deciding are short computations and run on the event loop, and so does the recording and the answer
     * unless the answer waits for its record to be forced to disk ({@link Verdict#answerWaitsForRecord}), which the
     * event loop must not do: such answers are finished on a worker thread. Either way the record is written before
     * the answer leaves. (A mutation's record is written, not forced: answering it here spares two thread hand-offs
     * per mutation.)
     */
    private Uni<Reply> answer(String webhook, byte[] body, Function<AdmissionRequest, Answer> decide) {
        long start = System.nanoTime();
        AdmissionRequest request;
        try {
            request = parser.parse(body);
        } catch (BadReviewException e) {
            meters.admissionRequest(webhook, "", "", "rejected");
            return Uni.createFrom().item(error(400, e.getMessage()));
        }
        Answer answer = decide.apply(request);
        Uni<Reply> answered = Uni.createFrom().item(() -> {
            Answered review = answer.recorded().get();
            String operation = request.operation().name();
            meters.admissionRequest(webhook, request.kind(), operation, review.decision().label());
            meters.admissionDuration(webhook, request.kind(), operation, System.nanoTime() - start);
            return new Reply(200, review.review());
        });
        return answer.decision().answerWaitsForRecord()
                ? answered.runSubscriptionOn(Infrastructure.getDefaultWorkerPool()) : answered;
    }

    /** The JSON error of a body that gets no AdmissionReview back. */
    public Reply error(int status, String message) {
        return new Reply(status, new ErrorBody(message, status));
    }
}
