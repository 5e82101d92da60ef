package io.cassguard.engine.mutations;

import io.cassguard.engine.cluster.CassandraStatefulSets;
import io.cassguard.model.FieldError;
import io.cassguard.engine.cluster.RackIdentity;
import io.cassguard.model.SelfValidating;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodAntiAffinityBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code anti-affinity}: two Cassandra nodes on one host share its failure, and with replication factor 3 two
 * replicas of a token range may be lost at once. Spreads the pods of the cluster over hosts, as a preference
 * ({@code soft}, the default: pods still schedule on a small cluster) or a requirement ({@code hard}).
 */
public class AntiAffinityMutation extends PodTemplateMutation<AntiAffinityMutation.Parameters> {

    private static final String HOSTNAME_TOPOLOGY = "kubernetes.io/hostname";
    private static final int SOFT_WEIGHT = 100;

    public static class Parameters implements SelfValidating {
        /** {@code soft}: preferredDuringScheduling; {@code hard}: requiredDuringScheduling. */
        public String mode = "soft";

        @Override
        public List<FieldError> problems() {
            return "soft".equals(mode) || "hard".equals(mode) ? List.of()
                    : List.of(new FieldError("mode", "must be soft or hard"));
        }
    }

    public AntiAffinityMutation() {
        super("anti-affinity", Parameters.class);
    }

    @Override
    boolean inject(MutationContext<Parameters> context, StatefulSet statefulSet, PodSpec podSpec) {
        Optional<LabelSelector> sameCluster = sameCluster(statefulSet);
        if (sameCluster.isEmpty()) {
            return false;
        }
        Affinity affinity = podSpec.getAffinity() == null ? new Affinity() : podSpec.getAffinity();
        if (affinity.getPodAntiAffinity() != null) {
            return false;
        }
        PodAffinityTerm onOtherHosts = new PodAffinityTermBuilder()
                .withLabelSelector(sameCluster.get())
                .withTopologyKey(HOSTNAME_TOPOLOGY)
                .build();
        PodAntiAffinityBuilder antiAffinity = new PodAntiAffinityBuilder();
        if ("hard".equals(context.parameters().mode)) {
            antiAffinity.withRequiredDuringSchedulingIgnoredDuringExecution(onOtherHosts);
        } else {
            antiAffinity.addNewPreferredDuringSchedulingIgnoredDuringExecution()
                    .withWeight(SOFT_WEIGHT).withPodAffinityTerm(onOtherHosts).endPreferredDuringSchedulingIgnoredDuringExecution();
        }
        affinity.setPodAntiAffinity(antiAffinity.build());
        podSpec.setAffinity(affinity);
        return true;
    }

    /**
     * The pods of the same cluster, selected by the StatefulSet's own selector: the API server guarantees the pod
     * template carries those labels and the selector never changes, so the term can neither miss the pods nor go
     * stale when other template labels (a version, say) change. A CassKop-style selector also names the DC and
     * rack; with the cluster label there, those two are dropped so that the racks of one cluster spread too.
     */
    private static Optional<LabelSelector> sameCluster(StatefulSet statefulSet) {
        LabelSelector selector = statefulSet.getSpec() == null ? null : statefulSet.getSpec().getSelector();
        boolean hasLabels = selector != null && selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty();
        boolean hasExpressions = selector != null && selector.getMatchExpressions() != null
                && !selector.getMatchExpressions().isEmpty();
        if (!hasLabels && !hasExpressions) {
            return Optional.empty();
        }
        LabelSelector copy = new LabelSelectorBuilder(selector).build();
        if (hasLabels && copy.getMatchLabels().containsKey(RackIdentity.CLUSTER_LABEL)) {
            Map<String, String> clusterWide = new LinkedHashMap<>(copy.getMatchLabels());
            clusterWide.remove(RackIdentity.DATACENTER_LABEL);
            clusterWide.remove(RackIdentity.RACK_LABEL);
            copy.setMatchLabels(clusterWide);
        }
        return Optional.of(copy);
    }
}
