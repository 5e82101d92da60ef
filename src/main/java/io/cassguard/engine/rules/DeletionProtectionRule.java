package io.cassguard.engine.rules;

import io.cassguard.model.Action;
import io.cassguard.model.Operation;
import io.cassguard.engine.cluster.Annotations;
import io.cassguard.engine.cluster.GuardedKind;
import io.cassguard.engine.cluster.GuardedRequest;

import java.util.List;
import java.util.Map;

/**
 * {@code deletion-protection}: a Cassandra cluster or rack is deleted only once an earlier update marked it
 * {@code cassguard.io/allow-delete: "true"}, so that no single command removes a cluster by mistake.
 */
public class DeletionProtectionRule implements Rule<NoParameters> {

    @Override
    public String id() {
        return "deletion-protection";
    }

    @Override
    public Action defaultAction() {
        return Action.Enforce;
    }

    @Override
    public Class<NoParameters> parametersType() {
        return NoParameters.class;
    }

    @Override
    public boolean appliesTo(GuardedRequest request) {
        // CassKop's StatefulSets are protected through their CassandraCluster: the garbage collector deletes them
        // with it, and CassKop deletes those of a removed datacenter
        return request.operation() == Operation.DELETE && !request.operatorOwned()
                && (request.kind() == GuardedKind.CASSANDRA_CLUSTER || request.kind() == GuardedKind.STATEFULSET);
    }

    @Override
    public List<Violation> check(RuleContext<NoParameters> context) {
        GuardedRequest request = context.request();
        Map<String, String> annotations = request.annotations();
        if ("true".equals(annotations.get(Annotations.ALLOW_DELETE))) {
            return List.of();
        }
        String resource = request.kind() == GuardedKind.CASSANDRA_CLUSTER ? "cassandracluster" : "statefulset";
        String name = request.oldObject().getMetadata().getName();
        return List.of(Violation.refuse(request.kind().displayName() + " " + request.objectName()
                + " is protected against deletion; to delete it, first run: kubectl annotate " + resource + " " + name
                + " -n " + request.request().namespace() + " " + Annotations.ALLOW_DELETE + "=true"));
    }
}
