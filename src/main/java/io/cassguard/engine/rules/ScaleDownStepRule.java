package io.cassguard.engine.rules;

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
                .map(resize -> Violation.refuse(resize.racksText() + ": " + change.after().sizeField() + " " + resize.from()
                        + " -> " + resize.to() + " removes " + Change.nodes(resize.from() - resize.to())
                        + (resize.racks().size() > 1 ? " from each rack" : "") + " in one change; remove at most "
                        + Change.nodes(max) + " per rack per change: "
                        + change.after().resizeStep(resize.datacenter().after(), resize.from() - max)
                        + " first and wait until " + change.after().settledWhen()))
                .toList();
    }
}
