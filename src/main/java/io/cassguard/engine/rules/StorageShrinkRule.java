package io.cassguard.engine.rules;

import io.cassguard.engine.cluster.DatacenterView;
import io.cassguard.engine.cluster.KindTerms;
import io.cassguard.model.Action;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code storage-shrink}: a persistent volume cannot shrink and cannot move to another storage class; the operator
 * would fail to reconcile, or recreate the volumes empty. Compared per datacenter on the values in effect (a DC-level
 * setting overrides the cluster-level one), in each kind's own fields: CassKop's {@code dataCapacity},
 * {@code dataStorageClass} and {@code storageConfigs}, cass-operator's {@code storageConfig}, k8ssandra-operator's
 * {@code storageConfig} and {@code extraVolumes.pvcs}. An extra volume is matched by name.
 */
public class StorageShrinkRule extends ChangeRule<NoParameters> {

    private static final String UNSET = "(unset)";

    public StorageShrinkRule() {
        super("storage-shrink", Action.Enforce, NoParameters.class, OPERATOR_RESOURCES);
    }

    @Override
    List<Violation> check(ClusterChange change, NoParameters parameters) {
        KindTerms terms = change.after().terms();
        List<Violation> violations = new ArrayList<>(ClusterChange.inDatacenters(change.keptAfter(),
                dc -> dataVolumeProblems(terms, change.before().datacenter(dc.name()).orElseThrow(), dc)));
        violations.addAll(ClusterChange.perDatacenter(change.keptAfter(),
                dc -> volumeProblems(change.before().datacenter(dc.name()).orElseThrow().storage(), dc.storage())));
        return violations;
    }

    private static List<Violation> dataVolumeProblems(KindTerms terms, DatacenterView was, DatacenterView now) {
        DatacenterView.Storage before = was.storage();
        DatacenterView.Storage after = now.storage();
        List<Violation> violations = new ArrayList<>();
        sizeProblem(terms.dataCapacityField(), "data volumes", before.dataCapacity(), after.dataCapacity())
                .ifPresent(problem -> violations.add(Violation.refuse(problem)));
        if (!Objects.equals(before.dataStorageClass(), after.dataStorageClass())) {
            violations.add(Violation.refuse(terms.dataStorageClassField() + " "
                    + Objects.requireNonNullElse(before.dataStorageClass(), UNSET) + " -> "
                    + Objects.requireNonNullElse(after.dataStorageClass(), UNSET) + " cannot apply to existing data"
                    + " volumes; keep " + Objects.requireNonNullElse(before.dataStorageClass(), "it unset") + " (to move"
                    + " the data to another storage class, add a new datacenter that uses it, then retire "
                    + now.name() + ")"));
        }
        return violations;
    }

    private static List<Violation> volumeProblems(DatacenterView.Storage before, DatacenterView.Storage after) {
        List<Violation> violations = new ArrayList<>();
        for (DatacenterView.ExtraVolume was : before.volumes()) {
            Optional<DatacenterView.ExtraVolume> now = after.volume(was.name());
            String where = was.field() + " " + was.name() + ": ";
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
