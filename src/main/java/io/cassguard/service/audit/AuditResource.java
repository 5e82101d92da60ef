package io.cassguard.service.audit;

import io.cassguard.service.access.ReadAccess;
import io.cassguard.model.Verdict;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The audit trail for people and tools (DESIGN §10): {@code GET /audit} (JSON, or CSV with {@code format=csv})
 * and {@code GET /audit/report} (an HTML page). Both take the filters of {@link AuditQuery}.
 */
@Path("/audit")
@ReadAccess("auditrecords")
public class AuditResource {

    static final String CSV = "text/csv";
    /** The report is self-contained: nothing may be loaded from anywhere, not even a script of our own. */
    private static final String REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'";

    private final AuditStore store;

    public AuditResource(AuditStore store) {
        this.store = store;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance report(AuditReport report, Map<String, String> filters, List<String> decisions,
                                              String query, String generated);
    }

    @GET
    public Response records(@Context UriInfo uri) throws InvalidQueryException {
        String format = uri.getQueryParameters().getFirst("format");
        if (format != null && !format.equals("json") && !format.equals("csv")) {
            throw new InvalidQueryException("format must be json or csv, not " + format);
        }
        List<AuditRecord> records = store.newest(query(uri, Set.of("format")));
        if ("csv".equals(format)) {
            return Response.ok(AuditFormats.csv(records), CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "inline; filename=\"cassguard-audit.csv\"").build();
        }
        return Response.ok(AuditFormats.json(records), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("report")
    public Response report(@Context UriInfo uri) throws InvalidQueryException {
        AuditQuery query = query(uri, Set.of());
        Instant now = Instant.now();
        Map<String, String> filters = new LinkedHashMap<>();
        AuditQuery.FILTERS.forEach(name -> filters.put(name, uri.getQueryParameters().getFirst(name) == null
                ? "" : uri.getQueryParameters().getFirst(name)));
        String rawQuery = uri.getRequestUri().getRawQuery();
        String html = Templates.report(new AuditReport(store, query, now), filters,
                AuditQuery.recordedDecisions().stream().map(Verdict::label).toList(),
                rawQuery == null ? "" : "&" + rawQuery, AuditReport.TIME.format(now)).render();
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", REPORT_POLICY)
                .header("Cache-Control", "no-store")
                .build();
    }

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage(), "status", 400)).build();
    }

    private static AuditQuery query(UriInfo uri, Set<String> others) throws InvalidQueryException {
        return AuditQuery.parse(uri.getQueryParameters(), others, Instant.now());
    }
}
