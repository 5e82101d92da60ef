package io.cassguard.service.kubernetes;

/** Fired on an informer thread when a cached object that matters to cassguard was added, changed or deleted. */
public record CacheChanged(Kind kind) {

    public enum Kind {
        CASSANDRA_CLUSTER, CASSANDRA_DATACENTER, K8SSANDRA_CLUSTER, STATEFULSET, GUARDRAIL_POLICY, NAMESPACE, DENIAL_EVENT
    }
}
