package io.cassguard.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One object of the input, with where it starts (for SARIF and error messages). Its {@code metadata.namespace} is
 * filled in as the API server would store it.
 */
record Manifest(ObjectKey key, String apiVersion, String file, int line, ObjectNode object) {

    String group() {
        return key.group();
    }

    /** The version part of {@code apiVersion}: {@code v1} of {@code apps/v1}. */
    String version() {
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    String location() {
        return file + ":" + line;
    }
}
