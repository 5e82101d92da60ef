package io.cassguard.service.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * One line on why a call to the API server failed. fabric8's own message carries the whole {@code Status} object
 * (and a wrapping CompletionException repeats it); a log line needs the HTTP code and the API server's reason.
 */
public final class ApiServerErrors {

    private ApiServerErrors() {
    }

    public static String brief(Throwable problem) {
        Throwable innermost = problem;
        for (Throwable cause = problem; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof KubernetesClientException e && e.getCode() > 0) {
                String reason = e.getStatus() != null && e.getStatus().getMessage() != null
                        ? e.getStatus().getMessage() : e.getMessage();
                return "HTTP " + e.getCode() + ": " + reason;
            }
            innermost = cause;
        }
        return innermost.getClass().getSimpleName() + ": " + innermost.getMessage();
    }

    /** The HTTP status of a failed call, or 0 when it never got an answer (connection refused, timeout). */
    public static int httpStatus(Throwable problem) {
        for (Throwable cause = problem; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof KubernetesClientException e && e.getCode() > 0) {
                return e.getCode();
            }
        }
        return 0;
    }
}
