package io.cassguard.service.controller;

import io.cassguard.service.kubernetes.ApiServerErrors;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The writes of one reconcile pass. Each object is written on its own: one the API server refuses (a namespace
 * being deleted, a quota, another admission webhook) holds back none of the others, and is retried next pass.
 */
final class Writes {

    private int written;
    /** What could not be written, and why. */
    private final Map<String, String> failures = new TreeMap<>();

    /**
     * @param what  the object, as a log line names it
     * @param write writes the object when it needs it; says whether it did
     */
    void attempt(String what, BooleanSupplier write) {
        try {
            if (write.getAsBoolean()) {
                written++;
            }
        } catch (KubernetesClientException e) {
            failures.put(what, ApiServerErrors.brief(e));
        }
    }

    int written() {
        return written;
    }

    Map<String, String> failures() {
        return failures;
    }
}
