package io.cassguard.engine.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.engine.cluster.ClusterView;
import io.cassguard.engine.cluster.DatacenterView;
import io.cassguard.model.Action;
import io.cassguard.model.SelfValidating;
import io.cassguard.model.FieldError;

import java.util.List;

/**
 * {@code scale-down-step}: Cassandra streams a leaving node's data to the others; removing several nodes of a
 * rack at once can lose the only copies of some ranges. Going to 0 is {@code scale-to-zero}'s or
 * {@code dc-decommission}'s business.
 */
public class ScaleDownStepRule extends ChangeRule<ScaleDownStepRule.Parameters> {

    public static class Parameters implements SelfValidating {
        public int maxNodesRemovedPerRack = 1;

        @Override
        public List<FieldError> problems() {
            return maxNodesRemovedPerRack >= 1 ? List.of()
                    : List.of(new FieldError("maxNodesRemovedPerRack", "must be at least 1"));
        }
    }

    public ScaleDownStepRule() {
        super("scale-down-step", Action.Enforce, Parameters.class);
    }

    @Override
    List<Violation> check(Change change, Parameters parameters) {
        int max = parameters.maxNodesRemovedPerRack;
        return change.resizes().stream()
                .filter(resize -> resize.to() > 0 && resize.from() - resize.to() > max)
                .map(resize -> refuse(change, resize, max))
                .toList();
    }

    private static Violation refuse(Change change, Change.Resize resize, int max) {
        ClusterView after = change.after();
        DatacenterView dc = resize.datacenter().after();
        int step = resize.from() - max;
        String tooMany = resize.racksText() + ": " + after.sizeField() + " " + resize.from() + " -> " + resize.to()
                + " removes " + Change.nodes(resize.from() - resize.to())
                + (resize.racks().size() > 1 ? " from each rack" : "") + " in one change";
        return Violation.refuse(tooMany + "; remove at most " + Change.nodes(max) + " per rack per change: "
                        + after.resizeStep(dc, step) + " first and wait until " + after.settledWhen(),
                new NextStep(stepObject(change, dc, step), refusedBy -> tooMany + ", and dc " + dc.name()
                        + " is at its minimum: even " + after.sizeField() + " " + step + " is refused by " + refusedBy
                        + "; " + after.retireStep(dc) + " (or change the policy)"));
    }

    /** The old object with only the suggested step applied: the size where the change sets it, from the old object. */
    private static JsonNode stepObject(Change change, DatacenterView dc, int step) {
        ObjectNode object = change.request().request().oldObject().deepCopy();
        ObjectNode spec = object.withObject("/spec");
        if (!change.after().isCassandraCluster()) {
            spec.put("replicas", step);
        } else if (dc.ownSize()) {
            for (JsonNode datacenter : spec.path("topology").path("dc")) {
                if (datacenter.isObject() && dc.name().equals(datacenter.path("name").asText())) {
                    ((ObjectNode) datacenter).put("nodesPerRacks", step);
                }
            }
        } else {
            spec.put("nodesPerRacks", step);
        }
        return object;
    }
}
