package io.cassguard.service.audit.read;

import io.cassguard.service.audit.AuditFormats;
import io.cassguard.service.audit.AuditQuery;
import io.cassguard.service.audit.AuditRecord;
import io.cassguard.service.audit.AuditStore;
import io.cassguard.service.audit.InvalidQueryException;
import io.cassguard.service.http.ErrorBody;
import io.cassguard.service.access.ReadAccess;
import io.cassguard.model.Verdict;
import io.cassguard.service.kubernetes.ClusterMode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The audit trail for people and tools (docs/audit.md): {@code GET /audit} (JSON, or CSV with {@code format=csv})
 * and {@code GET /audit/report} (an HTML page). Both take the filters of {@link AuditQuery}.
 *
 * <p>In-cluster they answer for every replica: this one's records merged with those of the other ready replicas
 * ({@link PeerAudit}); the JSON is then an object that says whether the answer is {@code partial} and which
 * replicas did not answer, the CSV says it in the headers {@value #PARTIAL_HEADER} and {@value #UNANSWERED_HEADER}.
 * {@code local=true} asks for this replica's records only, as a JSON array (what replicas ask each other).
 * Standalone there is one replica, and the JSON is the array.
 */
@Path("/audit")
@ReadAccess("auditrecords")
public class AuditResource {

    static final String CSV = "text/csv";
    static final String PARTIAL_HEADER = "Cassguard-Partial";
    static final String UNANSWERED_HEADER = "Cassguard-Unanswered";
    /** The report is self-contained: nothing may be loaded from anywhere, not even a script of our own. */
    private static final String REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'";

    private final AuditStore store;
    private final ClusterMode mode;
    private final PeerAudit peers;

    public AuditResource(AuditStore store, ClusterMode mode, PeerAudit peers) {
        this.store = store;
        this.mode = mode;
        this.peers = peers;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance report(AuditReport report, Map<String, String> filters, List<String> decisions,
                                              String query, String generated);
    }

    /** The merged answer of {@code GET /audit} in-cluster. */
    public record Answer(boolean partial, List<String> replicas, List<String> unanswered, List<AuditRecord> records) {
    }

    @GET
    public Response records(@Context UriInfo uri, @Context HttpHeaders headers) throws InvalidQueryException {
        String format = uri.getQueryParameters().getFirst("format");
        if (format != null && !format.equals("json") && !format.equals("csv")) {
            throw new InvalidQueryException("format must be json or csv, not " + format);
        }
        AuditQuery query = query(uri, Set.of("format", PeerAudit.LOCAL));
        List<AuditRecord> local = store.newest(query);
        PeerAudit.Merged merged = forAll(uri)
                ? peers.merge(local, filters(uri), query.limit(), headers.getHeaderString(HttpHeaders.AUTHORIZATION))
                : null;
        if ("csv".equals(format)) {
            Response.ResponseBuilder csv = Response.ok(AuditFormats.csv(merged == null ? local : merged.records()),
                    CSV + "; charset=UTF-8").header("Content-Disposition", "inline; filename=\"cassguard-audit.csv\"");
            if (merged != null) {
                csv.header(PARTIAL_HEADER, merged.partial()).header(UNANSWERED_HEADER, String.join(",", merged.unanswered()));
            }
            return csv.build();
        }
        String json = merged == null ? AuditFormats.json(local) : AuditFormats.json(
                new Answer(merged.partial(), merged.replicas(), merged.unanswered(), merged.records()));
        return Response.ok(json, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("report")
    public Response report(@Context UriInfo uri, @Context HttpHeaders headers) throws InvalidQueryException {
        AuditQuery query = query(uri, Set.of());
        Instant now = Instant.now();
        Map<String, String> filters = new LinkedHashMap<>();
        AuditQuery.FILTERS.forEach(name -> filters.put(name, uri.getQueryParameters().getFirst(name) == null
                ? "" : uri.getQueryParameters().getFirst(name)));
        AuditReport report;
        if (mode.inCluster()) {
            // every record of this replica, and the newest of the others, as many as one request may ask for
            PeerAudit.Merged others = peers.merge(List.of(), filters(uri), AuditQuery.MAX_LIMIT,
                    headers.getHeaderString(HttpHeaders.AUTHORIZATION));
            Consumer<Consumer<AuditRecord>> records = sink -> {
                Set<String> seen = new HashSet<>();
                Consumer<AuditRecord> once = record -> {
                    if (seen.add(PeerAudit.identity(record))) {
                        sink.accept(record);
                    }
                };
                store.scan(query, once);
                others.records().forEach(once);
            };
            report = new AuditReport(records, query, now,
                    new AuditReport.Coverage(others.partial(), others.replicas(), others.unanswered()));
        } else {
            report = new AuditReport(sink -> store.scan(query, sink), query, now, AuditReport.Coverage.SINGLE);
        }
        String rawQuery = uri.getRequestUri().getRawQuery();
        String html = Templates.report(report, filters,
                AuditQuery.recordedDecisions().stream().map(Verdict::label).toList(),
                rawQuery == null ? "" : "&" + rawQuery, AuditReport.TIME.format(now)).render();
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", REPORT_POLICY)
                .header("Cache-Control", "no-store")
                .build();
    }

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException e) {
        return ErrorBody.response(400, e.getMessage()).build();
    }

    /** In-cluster, unless a replica asks for this one's own records. */
    private boolean forAll(UriInfo uri) {
        return mode.inCluster() && !"true".equals(uri.getQueryParameters().getFirst(PeerAudit.LOCAL));
    }

    /** The filters the caller gave, to ask the other replicas the same. */
    private static Map<String, String> filters(UriInfo uri) {
        Map<String, String> filters = new LinkedHashMap<>();
        AuditQuery.FILTERS.stream().filter(name -> !name.equals("limit"))
                .forEach(name -> {
                    String value = uri.getQueryParameters().getFirst(name);
                    if (value != null && !value.isBlank()) {
                        filters.put(name, value);
                    }
                });
        return filters;
    }

    private static AuditQuery query(UriInfo uri, Set<String> others) throws InvalidQueryException {
        return AuditQuery.parse(uri.getQueryParameters(), others, Instant.now());
    }
}
