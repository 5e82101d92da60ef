package io.cassguard.service.controller;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code wgpolicyk8s.io/v1alpha2 PolicyReport} of the Kubernetes Policy WG, reduced to the fields cassguard
 * writes: one per namespace, with a result per guarded object per rule and the recent admission denials.
 */
@Group("wgpolicyk8s.io")
@Version("v1alpha2")
@Kind("PolicyReport")
@Plural("policyreports")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "summary", "results"})
// Read as this plain class: fabric8's polymorphic deserializer, which would look the kind up again, loops otherwise.
@JsonDeserialize(using = JsonDeserializer.None.class)
@RegisterForReflection
public class PolicyReport implements HasMetadata, Namespaced {

    public static final String RESULT_PASS = "pass";
    public static final String RESULT_FAIL = "fail";
    public static final String RESULT_WARN = "warn";
    public static final String RESULT_ERROR = "error";
    /** A result property: where the result comes from, background evaluation or an admission denial. */
    public static final String ORIGIN = "origin";
    public static final String ORIGIN_BACKGROUND = "background";
    public static final String ORIGIN_ADMISSION = "admission";
    /** Results by their timestamp, the newest first. */
    static final Comparator<Result> NEWEST_FIRST = Comparator
            .comparingLong((Result result) -> result.timestamp.seconds)
            .thenComparingInt(result -> result.timestamp.nanos).reversed();

    private String apiVersion = "wgpolicyk8s.io/v1alpha2";
    private String kind = "PolicyReport";
    private ObjectMeta metadata;
    public Summary summary = new Summary();
    public List<Result> results = new ArrayList<>();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    public static class Summary {
        public int pass;
        public int fail;
        public int warn;
        public int error;
        public int skip;

        static Summary of(List<Result> results) {
            Summary summary = new Summary();
            for (Result result : results) {
                switch (result.result) {
                    case RESULT_PASS -> summary.pass++;
                    case RESULT_FAIL -> summary.fail++;
                    case RESULT_WARN -> summary.warn++;
                    case RESULT_ERROR -> summary.error++;
                    default -> summary.skip++;
                }
            }
            return summary;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"source", "policy", "rule", "result", "message", "resources", "properties", "timestamp"})
    @RegisterForReflection
    public static class Result {
        public String source = "cassguard";
        public String policy;
        public String rule;
        /** pass, fail, warn, error or skip. */
        public String result;
        public String message;
        public List<ObjectReference> resources = new ArrayList<>();
        public Map<String, String> properties = new LinkedHashMap<>();
        public Timestamp timestamp;
    }

    /** A protobuf Timestamp, as the PolicyReport schema has it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public static class Timestamp {
        public long seconds;
        public int nanos;

        static Timestamp of(Instant instant) {
            Timestamp timestamp = new Timestamp();
            timestamp.seconds = instant.getEpochSecond();
            timestamp.nanos = instant.getNano();
            return timestamp;
        }
    }

    @Override
    public String getApiVersion() {
        return apiVersion;
    }

    @Override
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    @Override
    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    @Override
    public ObjectMeta getMetadata() {
        return metadata;
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }
}
