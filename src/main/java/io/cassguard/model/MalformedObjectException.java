package io.cassguard.model;

/** An object in a review that cannot be read as its kind; it is denied as {@code malformed-object}. */
public class MalformedObjectException extends Exception {

    public MalformedObjectException(String message) {
        super(message, null, false, false);
    }
}
