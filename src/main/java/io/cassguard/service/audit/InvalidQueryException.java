package io.cassguard.service.audit;

/** A filter of {@code /audit} that cannot be used; the client gets a 400 with this message. */
public class InvalidQueryException extends Exception {

    public InvalidQueryException(String message) {
        super(message, null, false, false);
    }
}
