package io.cassguard.engine.cluster;

import io.cassguard.model.AdmissionRequest;
import io.cassguard.model.GuardrailPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;

import java.util.Arrays;
import java.util.Optional;

/** The kinds cassguard guards, with the Java type each object is read into. */
public enum GuardedKind {
    CASSANDRA_CLUSTER("db.orange.com", "CassandraCluster", "", CassandraCluster.class),
    STATEFULSET("apps", "StatefulSet", "", StatefulSet.class),
    /** {@code kubectl scale sts}: an {@code autoscaling/v1 Scale} on the {@code statefulsets/scale} subresource. */
    STATEFULSET_SCALE("autoscaling", "Scale", "scale", Scale.class),
    GUARDRAIL_POLICY("cassguard.io", "GuardrailPolicy", "", GuardrailPolicy.class);

    private final String group;
    private final String kind;
    private final String subResource;
    private final Class<? extends HasMetadata> type;

    GuardedKind(String group, String kind, String subResource, Class<? extends HasMetadata> type) {
        this.group = group;
        this.kind = kind;
        this.subResource = subResource;
        this.type = type;
    }

    public static Optional<GuardedKind> of(AdmissionRequest request) {
        if (STATEFULSET_SCALE.subResource.equals(request.subResource())) {
            return "statefulsets".equals(request.resource()) ? Optional.of(STATEFULSET_SCALE) : Optional.empty();
        }
        return Arrays.stream(values())
                .filter(k -> k.group.equals(request.group()) && k.kind.equals(request.kind())
                        && k.subResource.equals(request.subResource()))
                .findFirst();
    }

    public Class<? extends HasMetadata> type() {
        return type;
    }

    /** The kind as people say it, for messages. */
    public String displayName() {
        return this == STATEFULSET_SCALE ? "StatefulSet scale" : kind;
    }
}
