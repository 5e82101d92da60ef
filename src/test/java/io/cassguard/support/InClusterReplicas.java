package io.cassguard.support;

import java.util.HashMap;
import java.util.Map;

/** {@link InCluster} as the replica {@value #SELF} of a deployment whose other replicas answer within 5 s (a first TLS handshake on a busy test machine takes a while). */
public class InClusterReplicas extends InCluster {

    public static final String SELF = "cassguard-0";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("cassguard.audit.peers.self", SELF);
        config.put("cassguard.audit.peers.timeout", "5s");
        return config;
    }
}
