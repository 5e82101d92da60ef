package io.cassguard.service.admission;

import io.cassguard.service.http.ErrorBody;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Errors reach clients as a short JSON body, never as a stack trace. */
public class UnexpectedErrorMapper {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class);

    @ServerExceptionMapper
    public Response webApplicationError(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return json(status, e.getResponse().getStatusInfo().getReasonPhrase());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error while answering a request", e);
        return json(500, "internal error; the cassguard log has the details");
    }

    private static Response json(int status, String message) {
        return ErrorBody.response(status, message).build();
    }
}
