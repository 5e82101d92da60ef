package io.cassguard.engine.rules;

import io.cassguard.model.Action;
import io.cassguard.model.Operation;
import io.cassguard.engine.cluster.Annotations;
import io.cassguard.engine.cluster.GuardedKind;
import io.cassguard.engine.cluster.CassandraStatefulSets;
import io.cassguard.engine.cluster.GuardedRequest;
import io.cassguard.engine.cluster.KindTerms;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code deletion-protection}: a Cassandra cluster, datacenter or rack is deleted only once an earlier update marked
 * it {@code cassguard.io/allow-delete: "true"}, so that no single command removes a cluster by mistake; the refusal
 * says what else would go with it (cass-operator deletes a datacenter's volumes with it).
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
        return request.operation() == Operation.DELETE
                && (request.kind().isOperatorResource() || request.kind() == GuardedKind.STATEFULSET);
    }

    @Override
    public List<Violation> check(RuleContext<NoParameters> context) {
        GuardedRequest request = context.request();
        Map<String, String> annotations = request.annotations();
        if ("true".equals(annotations.get(Annotations.ALLOW_DELETE))) {
            return List.of();
        }
        String name = request.oldObject().getMetadata().getName();
        String protectedText = request.kind().displayName() + " " + request.objectName() + " is protected against deletion";
        Optional<OwnerReference> owner = request.oldObject() instanceof StatefulSet statefulSet
                ? CassandraStatefulSets.controller(statefulSet) : Optional.empty();
        if (owner.isPresent()) {
            // its operator would make it again at once: the rack goes through the owner
            String ownerName = owner.get().getKind() + " " + owner.get().getName();
            return List.of(Violation.refuse(protectedText + "; it belongs to " + ownerName + ", whose operator would"
                    + " recreate it: to remove the rack, change " + ownerName + " instead"));
        }
        KindTerms terms = request.kind().terms();
        return List.of(Violation.refuse(protectedText + terms.deletionConsequence(request.oldObject())
                + "; to delete it, first run: kubectl annotate " + terms.resource() + " " + name
                + " -n " + request.request().namespace() + " " + Annotations.ALLOW_DELETE + "=true"));
    }
}
