package io.cassguard.model;

import io.cassguard.model.FieldError;

import java.util.List;

/** Parameters that check their own values beyond their types; each error's path is relative to the parameters. */
public interface SelfValidating {

    List<FieldError> problems();
}
