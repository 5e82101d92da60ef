package io.cassguard.service.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.cassguard.engine.decision.Decision;
import io.cassguard.engine.decision.MutationEngine;
import io.cassguard.engine.decision.RuleOutcome;
import io.cassguard.model.AdmissionReviewReader;
import io.cassguard.model.Verdict;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Builds the AdmissionReview answers of docs/webhook.md. */
final class ReviewResponses {

    /** The rule id of a refusal for want of an audit record. */
    static final String AUDIT_UNAVAILABLE = "audit-unavailable";

    private ReviewResponses() {
    }

    static AdmissionReview validation(String uid, Decision decision) {
        AdmissionResponseBuilder response = new AdmissionResponseBuilder()
                .withUid(uid)
                .withAllowed(decision.isAllowed())
                .withWarnings(warnings(decision.shownWarnings()));
        if (!decision.isAllowed()) {
            response.withStatus(new StatusBuilder()
                    .withStatus("Failure")
                    .withCode(403)
                    .withReason("Forbidden")
                    .withMessage(decision.denialMessage())
                    .build());
        }
        return review(response.build());
    }

    /**
     * The refusal of an override or exemption whose audit record could not be written (docs/policy.md): such a change
     * goes through only with a durable trace.
     */
    static Decision auditUnavailable(Decision decision) {
        String what = decision.verdict() == Verdict.OVERRIDDEN
                ? "the override of " + String.join(", ", decision.outcomes(Verdict.OVERRIDDEN).stream()
                        .map(RuleOutcome::ruleId).distinct().toList())
                : "the exemption of this user from policy " + decision.policy();
        RuleOutcome refusal = new RuleOutcome(AUDIT_UNAVAILABLE, Verdict.DENIED, what + " cannot be recorded: this"
                + " replica cannot write its audit log; an override or exemption is allowed only with its audit record on"
                + " disk. Retry: another replica may answer");
        return new Decision(decision.request(), Verdict.DENIED, decision.policy(), List.of(refusal), List.of(),
                List.of(), null);
    }

    /** The patch of a mutation, and the warnings of what it kept although it falls short. */
    static AdmissionReview mutation(String uid, MutationEngine.Result result) {
        JsonNode patch = result.patch();
        AdmissionResponseBuilder response = new AdmissionResponseBuilder().withUid(uid).withAllowed(true)
                .withWarnings(warnings(Decision.shown(result.warnings())));
        if (patch != null && !patch.isEmpty()) {
            response.withPatchType("JSONPatch")
                    .withPatch(Base64.getEncoder().encodeToString(patch.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return review(response.build());
    }

    private static AdmissionReview review(AdmissionResponse response) {
        return new AdmissionReviewBuilder()
                .withApiVersion(AdmissionReviewReader.API_VERSION)
                .withKind(AdmissionReviewReader.KIND)
                .withResponse(response)
                .build();
    }

    /** No warnings: no field, as the API server expects. */
    private static List<String> warnings(List<String> shown) {
        return shown.isEmpty() ? null : shown;
    }
}
