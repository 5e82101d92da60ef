package io.cassguard.engine.rules;

import io.cassguard.engine.cluster.ClusterView;
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
            sizeProblem("dataCapacity", "data volumes", kept.before().dataCapacity(), kept.after().dataCapacity())
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
        for (ClusterView.ExtraVolume was : change.before().volumes()) {
            Optional<ClusterView.ExtraVolume> now = change.after().volume(was.name());
            String where = "storageConfigs " + was.name() + ": ";
            if (now.isEmpty()) {
                violations.add(Violation.refuse(where + "removed, but the volume claims of every node stay and its"
                        + " StatefulSets cannot drop the claim template; keep the entry " + was.name()));
                continue;
            }
            sizeProblem("pvcSpec.resources.requests.storage", "volumes", was.storage(), now.get().storage())
                    .ifPresent(problem -> violations.add(Violation.refuse(where + problem)));
            if (!Objects.equals(was.storageClassName(), now.get().storageClassName())) {
                violations.add(Violation.refuse(where + "pvcSpec.storageClassName "
                        + Objects.requireNonNullElse(was.storageClassName(), UNSET) + " -> "
                        + Objects.requireNonNullElse(now.get().storageClassName(), UNSET)
                        + " cannot apply to existing volumes; keep " + Objects.requireNonNullElse(was.storageClassName(), "it unset")));
            }
        }
        return violations;
    }

    /**
     * @param field   the setting as the user writes it
     * @param volumes what the setting sizes, for the message
     */
    private static Optional<String> sizeProblem(String field, String volumes, String before, String after) {
        if (before == null || before.equals(after)) {
            return Optional.empty();
        }
        if (after == null) {
            return Optional.of(field + " " + before + " -> " + UNSET + " drops the size of the " + volumes + "; keep "
                    + field + ": " + before);
        }
        Optional<Quantity> was = quantity(before);
        Optional<Quantity> now = quantity(after);
        if (now.isEmpty()) {
            return Optional.of(field + " \"" + after + "\" is not a Kubernetes quantity such as 100Gi; keep " + before
                    + " or more");
        }
        if (was.isPresent() && now.get().compareTo(was.get()) < 0) {
            return Optional.of(field + " " + before + " -> " + after + " would shrink the " + volumes + ", and a"
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
