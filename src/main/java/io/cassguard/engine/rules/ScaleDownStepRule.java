package io.cassguard.engine.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.engine.cluster.ClusterView;
import io.cassguard.engine.cluster.DatacenterView;
import io.cassguard.engine.cluster.KindTerms;
import io.cassguard.model.Action;
import io.cassguard.model.SelfValidating;
import io.cassguard.model.FieldError;

import java.util.List;

/**
 * {@code scale-down-step}: Cassandra streams a leaving node's data to the others; removing several nodes of a
 * rack at once can lose the only copies of some ranges. Going to 0 is {@code scale-to-zero}'s or
 * {@code dc-decommission}'s business. cass-operator removes one node at a time whatever size it is given (it
 * decommissions a node, then shrinks its rack), so its kinds are judged only when the policy asks for it.
 */
public class ScaleDownStepRule extends ChangeRule<ScaleDownStepRule.Parameters> {

    public static class Parameters implements SelfValidating {
        public int maxNodesRemovedPerRack = 1;
        /** Judge also the kinds whose operator removes one node at a time itself (cass-operator's). */
        public boolean appliesToOperatorScaling;

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
    List<Violation> check(ClusterChange change, Parameters parameters) {
        if (change.after().terms().operatorRemovesOneNodeAtATime() && !parameters.appliesToOperatorScaling) {
            return List.of();
        }
        int max = parameters.maxNodesRemovedPerRack;
        return change.resizes().stream()
                .filter(resize -> resize.to() > 0 && resize.removedPerRack() > max)
                .map(resize -> refuse(change, resize, max))
                .toList();
    }

    private static Violation refuse(ClusterChange change, ClusterChange.Resize resize, int max) {
        ClusterView after = change.after();
        KindTerms terms = after.terms();
        DatacenterView dc = resize.datacenter().after();
        int step = resize.stepDown(max);
        String tooMany = resize.racksText() + ": " + terms.sizeField() + " " + resize.from() + " -> " + resize.to()
                + " removes " + ClusterChange.nodes(resize.removedPerRack())
                + (resize.racks().size() > 1 ? (resize.evenly() ? " from each rack" : " from a rack") : "") + " in one change";
        ObjectNode stepObject = terms.withSize(change.request().request().oldObject().deepCopy(), dc, step);
        return Violation.refuse(tooMany + "; remove at most " + ClusterChange.nodes(max) + " per rack per change: "
                        + terms.resizeStep(after, dc, step) + " first and wait until " + terms.settledWhen(),
                new NextStep(stepObject, refusedBy -> tooMany + ", and dc " + dc.name()
                        + " is at its minimum: even " + terms.sizeField() + " " + step + " is refused by " + refusedBy
                        + "; " + terms.retireStep(after, dc) + " (or change the policy)"));
    }
}
