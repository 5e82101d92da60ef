package io.cassguard.service.admission;

/** A request body that is not an AdmissionReview cassguard can answer; the client gets the status and message. */
public class BadReviewException extends Exception {

    private final int status;

    public BadReviewException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
