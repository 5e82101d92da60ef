package io.cassguard.engine.policy;

import io.cassguard.model.FieldError;

import java.util.List;
import java.util.stream.Collectors;

/** A policy that cannot be put in force, with every field that is wrong. */
public class InvalidPolicyException extends Exception {

    private final List<FieldError> errors;

    public InvalidPolicyException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
