package io.cassguard.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The parts of an {@code admission.k8s.io/v1} request that cassguard decides on. The objects stay as
 * JSON trees: each guarded kind reads them into its own type, so that an unreadable object becomes a
 * {@code malformed-object} denial with its field path rather than a failure to read the whole review. They come
 * without {@code metadata.managedFields}, which nothing here reads.
 */
public record AdmissionRequest(
        String uid,
        String group,
        String version,
        String kind,
        String resource,
        String subResource,
        Operation operation,
        String namespace,
        String name,
        String user,
        List<String> groups,
        boolean dryRun,
        JsonNode object,
        JsonNode oldObject) {

    /** The object the request is about: the new one, or the old one for a DELETE. */
    public JsonNode subject() {
        return object != null && !object.isNull() ? object : oldObject;
    }
}
