package io.cassguard.engine.cluster;

import io.cassguard.model.AdmissionRequest;
import io.cassguard.model.GuardrailPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;

import java.util.Arrays;
import java.util.Optional;

/** The kinds cassguard guards, with the Java type each object is read into and the terms its rules speak in. */
public enum GuardedKind {
    /** CassKop's. */
    CASSANDRA_CLUSTER("db.orange.com", "CassandraCluster", "", CassandraCluster.class, new CassKopTerms()),
    /** cass-operator's. */
    CASSANDRA_DATACENTER("cassandra.datastax.com", "CassandraDatacenter", "", CassandraDatacenter.class,
            new CassandraDatacenterTerms()),
    /** k8ssandra-operator's. */
    K8SSANDRA_CLUSTER("k8ssandra.io", "K8ssandraCluster", "", K8ssandraCluster.class, new K8ssandraClusterTerms()),
    STATEFULSET("apps", "StatefulSet", "", StatefulSet.class, new StatefulSetTerms()),
    /** {@code kubectl scale sts}: an {@code autoscaling/v1 Scale} on the {@code statefulsets/scale} subresource. */
    STATEFULSET_SCALE("autoscaling", "Scale", "scale", Scale.class, new StatefulSetTerms()),
    GUARDRAIL_POLICY("cassguard.io", "GuardrailPolicy", "", GuardrailPolicy.class, null);

    private final String group;
    private final String kind;
    private final String subResource;
    private final Class<? extends HasMetadata> type;
    private final KindTerms terms;

    GuardedKind(String group, String kind, String subResource, Class<? extends HasMetadata> type, KindTerms terms) {
        this.group = group;
        this.kind = kind;
        this.subResource = subResource;
        this.type = type;
        this.terms = terms;
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

    /** The words and conventions of the kind's Cassandra objects; null for a GuardrailPolicy. */
    public KindTerms terms() {
        return terms;
    }

    /** An operator's custom resource that describes Cassandra datacenters (not a StatefulSet, not a policy). */
    public boolean isOperatorResource() {
        return this == CASSANDRA_CLUSTER || this == CASSANDRA_DATACENTER || this == K8SSANDRA_CLUSTER;
    }

    /** The kind as people say it, for messages. */
    public String displayName() {
        return this == STATEFULSET_SCALE ? "StatefulSet scale" : kind;
    }
}
