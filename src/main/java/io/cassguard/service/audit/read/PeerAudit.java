package io.cassguard.service.audit.read;

import io.cassguard.service.audit.AuditFormats;
import io.cassguard.service.audit.AuditRecord;
import io.cassguard.service.config.CassguardConfig;
import io.cassguard.service.kubernetes.ApiServerErrors;
import io.cassguard.service.kubernetes.PeerReplicas;
import io.cassguard.service.tls.CaTrust;
import io.cassguard.service.tls.TlsFiles;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code /audit} for the whole deployment (docs/audit.md): asks every other ready replica for its own records that match
 * ({@code GET /audit?local=true&...}, the same filters, the caller's own bearer token so that each replica makes the
 * same access check), and merges them with this replica's.
 *
 * <p>Replicas are called on their pod addresses, over HTTPS, trusting the CA that issued the serving certificates:
 * {@code ca.crt} next to {@code tls.crt} in {@code cassguard.tls.dir} (cert-manager puts it in the Secret). A pod
 * address is in no certificate, so the chain is checked against that CA and the host name is not: the CA issues
 * cassguard's serving certificates only.
 */
@ApplicationScoped
public class PeerAudit {

    /** The parameter that asks a replica for its own records only, so that a request fans out once. */
    public static final String LOCAL = "local";
    private static final Logger LOG = Logger.getLogger(PeerAudit.class);

    /**
     * @param records    newest first, each once
     * @param replicas   the replicas whose records are in, this one first
     * @param unanswered the replicas that did not answer in time (or refused)
     * @param partial    whether records may be missing: a replica did not answer, or the replicas could not be listed
     */
    public record Merged(List<AuditRecord> records, boolean partial, List<String> replicas, List<String> unanswered) {
    }

    private final PeerReplicas peers;
    private final Path caFile;
    private final Duration timeout;
    private HttpClient client;
    private FileTime clientCa;

    public PeerAudit(PeerReplicas peers, CassguardConfig config) {
        this.peers = peers;
        this.caFile = config.tls().dir().resolve(TlsFiles.CA);
        this.timeout = config.audit().peers().timeout();
    }

    /**
     * Blocks (on the caller's worker thread) for at most the peers timeout, plus listing the replicas.
     *
     * @param local         this replica's records that match, newest first
     * @param filters       the request's filters, {@code name=value} (without {@code format}, {@code local}, {@code limit})
     * @param limit         the most records wanted
     * @param authorization the caller's {@code Authorization} header, forwarded as it is
     */
    public Merged merge(List<AuditRecord> local, Map<String, String> filters, int limit, String authorization) {
        List<String> replicas = new ArrayList<>(List.of(peers.self()));
        List<String> unanswered = new ArrayList<>();
        List<PeerReplicas.Replica> others;
        try {
            others = peers.others();
        } catch (KubernetesClientException e) {
            LOG.warnf("cannot list the other replicas of %s: %s", peers.self(), ApiServerErrors.brief(e));
            return new Merged(local, true, replicas, unanswered);
        }
        Map<PeerReplicas.Replica, CompletableFuture<List<AuditRecord>>> answers = new LinkedHashMap<>();
        String query = query(filters, limit);
        for (PeerReplicas.Replica replica : others) {
            answers.put(replica, ask(replica, query, authorization));
        }
        List<AuditRecord> all = new ArrayList<>(local);
        long deadline = System.nanoTime() + timeout.toNanos();
        answers.forEach((replica, answer) -> {
            try {
                all.addAll(answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                replicas.add(replica.name());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unanswered.add(replica.name());
            } catch (Exception e) {
                answer.cancel(true);
                LOG.warnf("replica %s (%s) did not answer /audit: %s", replica.name(), replica.authority(), e);
                unanswered.add(replica.name());
            }
        });
        return new Merged(newestOnce(all, limit), !unanswered.isEmpty(), replicas, unanswered);
    }

    /**
     * Newest first, at most {@code limit}, each record once: the API server may send one request to two replicas
     * (a retry after a timeout). A request's validation and its mutation share the uid, so a record is the same
     * record when uid and decision are.
     */
    static List<AuditRecord> newestOnce(List<AuditRecord> records, int limit) {
        Map<String, AuditRecord> once = new LinkedHashMap<>();
        records.forEach(record -> once.putIfAbsent(identity(record), record));
        return once.values().stream().sorted(Comparator.comparing(AuditRecord::time).reversed()).limit(limit).toList();
    }

    /** What makes two copies of a record the same record. */
    static String identity(AuditRecord record) {
        return record.uid() + " " + record.decision().label();
    }

    private CompletableFuture<List<AuditRecord>> ask(PeerReplicas.Replica replica, String query, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://" + replica.authority() + "/audit?" + query))
                .timeout(timeout).header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return client().sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
                }
                return AuditFormats.readAll(response.body());
            });
        } catch (IOException | GeneralSecurityException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static String query(Map<String, String> filters, int limit) {
        Map<String, String> parameters = new LinkedHashMap<>(filters);
        parameters.put("limit", Integer.toString(limit));
        parameters.put(LOCAL, "true");
        return parameters.entrySet().stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** One client as long as the CA stays the same; a renewed CA makes a new one. */
    private synchronized HttpClient client() throws IOException, GeneralSecurityException {
        FileTime modified = Files.getLastModifiedTime(caFile);
        if (client == null || !modified.equals(clientCa)) {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new javax.net.ssl.TrustManager[] {CaTrust.of(Files.readString(caFile), caFile.toString())}, null);
            client = HttpClient.newBuilder().sslContext(tls).connectTimeout(timeout).build();
            clientCa = modified;
        }
        return client;
    }
}
