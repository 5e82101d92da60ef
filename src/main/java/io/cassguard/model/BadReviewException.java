package io.cassguard.model;

/** A request body that is not an AdmissionReview cassguard can answer; the client gets the message (HTTP 400). */
public class BadReviewException extends Exception {

    public BadReviewException(String message) {
        super(message, null, false, false);
    }
}
