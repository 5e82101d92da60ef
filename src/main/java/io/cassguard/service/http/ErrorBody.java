package io.cassguard.service.http;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The JSON body of every HTTP answer that carries an error instead of a result, on the webhook paths and the read
 * endpoints alike: {@code {"error": "<what the client can change>", "status": 400}}. Never a stack trace.
 */
@RegisterForReflection
public record ErrorBody(String error, int status) {

    /** A JAX-RS answer with this body and {@code status}, to which a caller may add headers. */
    public static Response.ResponseBuilder response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(message, status));
    }
}
