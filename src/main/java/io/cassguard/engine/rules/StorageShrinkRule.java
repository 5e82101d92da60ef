package io.cassguard.engine.rules;

import io.cassguard.model.Action;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code storage-shrink}: a persistent volume cannot shrink and cannot move to another storage class; CassKop would
 * fail to reconcile, or recreate the volumes empty. Compared per datacenter on the values in effect (a DC-level
 * {@code dataCapacity} or {@code dataStorageClass} overrides the cluster-level one).
 */
public class StorageShrinkRule extends ChangeRule<NoParameters> {

    private static final String UNSET = "(unset)";

    public StorageShrinkRule() {
        super("storage-shrink", Action.Enforce, NoParameters.class, CASSANDRA_CLUSTERS);
    }


    @Override
    List<Violation> check(Change change, NoParameters parameters) {
        List<Violation> violations = new ArrayList<>();
        for (Change.Kept kept : change.keptDatacenters()) {
            String dc = kept.after().name();
            capacityProblem(kept.before().dataCapacity(), kept.after().dataCapacity())
                    .ifPresent(problem -> violations.add(Violation.refuse("dc " + dc + ": " + problem)));
            String classBefore = kept.before().dataStorageClass();
            String classAfter = kept.after().dataStorageClass();
            if (!Objects.equals(classBefore, classAfter)) {
                violations.add(Violation.refuse("dc " + dc + ": dataStorageClass " + Objects.requireNonNullElse(classBefore, UNSET)
                        + " -> " + Objects.requireNonNullElse(classAfter, UNSET) + " cannot apply to existing data volumes;"
                        + " keep " + Objects.requireNonNullElse(classBefore, "it unset") + " (to move the data to another"
                        + " storage class, add a new datacenter that uses it, then retire " + dc + ")"));
            }
        }
        return violations;
    }

    private static Optional<String> capacityProblem(String before, String after) {
        if (before == null || before.equals(after)) {
            return Optional.empty();
        }
        if (after == null) {
            return Optional.of("dataCapacity " + before + " -> " + UNSET + " drops the size of the data volumes; keep "
                    + "dataCapacity: " + before);
        }
        Optional<Quantity> was = quantity(before);
        Optional<Quantity> now = quantity(after);
        if (now.isEmpty()) {
            return Optional.of("dataCapacity \"" + after + "\" is not a Kubernetes quantity such as 100Gi; keep " + before
                    + " or more");
        }
        if (was.isPresent() && now.get().compareTo(was.get()) < 0) {
            return Optional.of("dataCapacity " + before + " -> " + after + " would shrink the data volumes, and a"
                    + " persistent volume cannot shrink; keep " + before + " or more");
        }
        return Optional.empty();
    }

    private static Optional<Quantity> quantity(String value) {
        try {
            Quantity quantity = Quantity.parse(value);
            Quantity.getAmountInBytes(quantity); // fails on a malformed amount or unit
            return Optional.of(quantity);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
