package io.cassguard.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Normalises each guarded kind into a {@link ClusterView}. */
public final class ClusterViews {

    /** CassKop's defaults (its api/v1alpha1 types): what an unset field means to the operator. */
    private static final int CASSKOP_DEFAULT_NODES_PER_RACK = 1;
    private static final int CASSKOP_DEFAULT_NUM_TOKENS = 256;
    private static final String CASSKOP_DEFAULT_RACK = "rack1";
    /** The section of a CassKop {@code config} map that becomes cassandra.yaml, and its token count. */
    private static final String CASSANDRA_YAML = "cassandra-yaml";
    private static final String NUM_TOKENS = "num_tokens";
    private static final String NUM_TOKENS_ENV = "CASSANDRA_NUM_TOKENS";

    private ClusterViews() {
    }

    /**
     * The view of one side of a change, or null when that side is absent (CREATE has no old object).
     *
     * @param namespace the request's namespace, which the object itself may leave out
     */
    public static ClusterView of(HasMetadata object, String namespace, LiveState liveState) {
        if (object == null) {
            return null;
        }
        if (object instanceof CassandraCluster cluster) {
            return ofCassandraCluster(cluster, namespace);
        }
        if (object instanceof StatefulSet statefulSet) {
            return ofStatefulSet(statefulSet, namespace, liveState);
        }
        if (object instanceof Scale scale) {
            return ofScale(scale, namespace, liveState);
        }
        throw new IllegalArgumentException("no cluster view of " + object.getKind());
    }

    private static ClusterView ofCassandraCluster(CassandraCluster cluster, String namespace) {
        CassandraCluster.Spec spec = cluster.getSpec() != null ? cluster.getSpec() : new CassandraCluster.Spec();
        int clusterNodes = spec.nodesPerRacks != null ? spec.nodesPerRacks : CASSKOP_DEFAULT_NODES_PER_RACK;
        List<CassandraCluster.Datacenter> declared = spec.topology == null || spec.topology.dc == null
                ? List.of() : spec.topology.dc.stream().filter(Objects::nonNull).toList();
        List<DatacenterView> datacenters = declared.isEmpty()
                ? List.of(datacenter(new CassandraCluster.Datacenter(), spec, clusterNodes))
                : declared.stream().map(dc -> datacenter(dc, spec, clusterNodes)).toList();
        String name = cluster.getMetadata().getName();
        return new ClusterView(GuardedKind.CASSANDRA_CLUSTER, namespace, name, name, datacenters,
                DeclaredVersion.of(spec.serverVersion, spec.cassandraImage),
                Objects.requireNonNullElse(spec.serverType, ClusterView.CASSANDRA), volumes(spec),
                health(cluster.getStatus()), annotations(cluster));
    }

    /** A datacenter as CassKop runs it; without a topology, CassKop runs one datacenter dc1 with one rack rack1. */
    private static DatacenterView datacenter(CassandraCluster.Datacenter dc, CassandraCluster.Spec spec, int clusterNodes) {
        int nodes = dc.nodesPerRacks != null ? dc.nodesPerRacks : clusterNodes;
        List<CassandraCluster.Rack> declared = dc.rack == null ? List.of() : dc.rack.stream().filter(Objects::nonNull).toList();
        List<RackView> racks = (declared.isEmpty() ? List.of(new CassandraCluster.Rack()) : declared).stream()
                .map(rack -> new RackView(Objects.requireNonNullElse(rack.name, CASSKOP_DEFAULT_RACK), nodes, false,
                        numTokens(spec, dc, rack)))
                .toList();
        return new DatacenterView(Objects.requireNonNullElse(dc.name, RackIdentity.DEFAULT_DATACENTER), racks,
                dc.nodesPerRacks != null,
                dc.dataCapacity != null ? dc.dataCapacity : spec.dataCapacity,
                dc.dataStorageClass != null ? dc.dataStorageClass : spec.dataStorageClass,
                dc.labels == null ? Map.of() : dc.labels);
    }

    /**
     * A rack's token count, the most specific setting winning: {@code num_tokens} of the rack's {@code config}, of
     * its datacenter's, the datacenter's {@code numTokens} (v1alpha1), the cluster's {@code config}, else CassKop's
     * default.
     */
    private static RackView.NumTokens numTokens(CassandraCluster.Spec spec, CassandraCluster.Datacenter dc,
                                                CassandraCluster.Rack rack) {
        return configNumTokens(rack.config).or(() -> configNumTokens(dc.config))
                .or(() -> Optional.ofNullable(dc.numTokens).map(tokens -> new RackView.NumTokens(tokens.toString(), "numTokens")))
                .or(() -> configNumTokens(spec.config))
                .orElse(new RackView.NumTokens(String.valueOf(CASSKOP_DEFAULT_NUM_TOKENS), null));
    }

    private static Optional<RackView.NumTokens> configNumTokens(JsonNode config) {
        JsonNode tokens = config == null ? null : config.path(CASSANDRA_YAML).get(NUM_TOKENS);
        return tokens == null || tokens.isNull() ? Optional.empty()
                : Optional.of(new RackView.NumTokens(tokens.asText(), "config." + CASSANDRA_YAML + "." + NUM_TOKENS));
    }

    private static List<ClusterView.ExtraVolume> volumes(CassandraCluster.Spec spec) {
        return spec.storageConfigs == null ? List.of() : spec.storageConfigs.stream().filter(Objects::nonNull)
                .filter(volume -> volume.name != null)
                .map(volume -> {
                    PersistentVolumeClaimSpec claim = volume.pvcSpec;
                    Quantity storage = claim == null || claim.getResources() == null || claim.getResources().getRequests() == null
                            ? null : claim.getResources().getRequests().get("storage");
                    return new ClusterView.ExtraVolume(volume.name, storage == null ? null : storage.toString(),
                            claim == null ? null : claim.getStorageClassName());
                })
                .toList();
    }

    private static Health health(CassandraCluster.Status status) {
        List<String> problems = new ArrayList<>();
        if (status == null || status.phase == null) {
            problems.add("CassKop has reported no status.phase yet");
        } else if (!"Running".equals(status.phase)) {
            problems.add("status.phase is " + status.phase + ", not Running");
        }
        if (status != null && status.cassandraRackStatus != null) {
            status.cassandraRackStatus.forEach((rack, rackStatus) -> {
                CassandraCluster.LastAction action = rackStatus == null ? null : rackStatus.cassandraLastAction;
                if (action != null && action.busy()) {
                    problems.add("rack " + rack + " has action " + action.name + " " + action.status);
                }
            });
        }
        return new Health(problems);
    }

    private static ClusterView ofStatefulSet(StatefulSet statefulSet, String namespace, LiveState liveState) {
        RackIdentity identity = identity(statefulSet, namespace);
        RackView.NumTokens numTokens = CassandraStatefulSets.cassandraContainer(statefulSet)
                .flatMap(container -> RackIdentity.env(container, NUM_TOKENS_ENV))
                .map(tokens -> new RackView.NumTokens(tokens, "env " + NUM_TOKENS_ENV)).orElse(null);
        DeclaredVersion version = CassandraStatefulSets.cassandraContainer(statefulSet)
                .map(container -> DeclaredVersion.of(null, container.getImage())).orElse(null);
        return new ClusterView(GuardedKind.STATEFULSET, namespace, identity.rack(), identity.cluster(),
                List.of(rackDatacenter(identity, StatefulSetStatuses.replicas(statefulSet), numTokens, liveState)), version,
                ClusterView.CASSANDRA, List.of(), health(statefulSet), annotations(statefulSet));
    }

    /**
     * A Scale carries only a size; which rack it scales, its health and its annotations come from its
     * StatefulSet when the live state knows it. Standalone, the rack stands alone in its datacenter.
     */
    private static ClusterView ofScale(Scale scale, String namespace, LiveState liveState) {
        String name = scale.getMetadata().getName();
        Optional<StatefulSet> statefulSet = liveState.statefulSet(namespace, name);
        RackIdentity identity = statefulSet.map(live -> identity(live, namespace))
                .orElse(new RackIdentity(namespace, name, RackIdentity.DEFAULT_DATACENTER, name));
        // autoscaling/v1 omits a zero replicas field: a Scale without one scales to 0.
        int replicas = scale.getSpec() == null || scale.getSpec().getReplicas() == null ? 0 : scale.getSpec().getReplicas();
        return new ClusterView(GuardedKind.STATEFULSET_SCALE, namespace, name, identity.cluster(),
                List.of(rackDatacenter(identity, replicas, null, liveState)), null, ClusterView.CASSANDRA, List.of(),
                statefulSet.map(ClusterViews::health).orElse(Health.UNKNOWN),
                statefulSet.map(ClusterViews::annotations).orElse(Map.of()));
    }

    /** A rack's datacenter: the rack itself and the sibling racks the live state knows. */
    private static DatacenterView rackDatacenter(RackIdentity identity, int replicas, RackView.NumTokens numTokens,
                                                 LiveState liveState) {
        List<RackView> racks = new ArrayList<>();
        racks.add(new RackView(identity.rack(), replicas, false, numTokens));
        liveState.statefulSets(identity.namespace()).stream()
                .filter(CassandraStatefulSets::isCassandra)
                .filter(other -> !identity.rack().equals(other.getMetadata().getName()))
                .filter(other -> identity.sameDatacenter(identity(other, identity.namespace())))
                .forEach(other -> racks.add(new RackView(other.getMetadata().getName(), StatefulSetStatuses.replicas(other), true, null)));
        racks.sort(Comparator.comparing(RackView::name));
        return new DatacenterView(identity.datacenter(), List.copyOf(racks), true, null, null, Map.of());
    }

    private static RackIdentity identity(StatefulSet statefulSet, String namespace) {
        RackIdentity identity = RackIdentity.of(statefulSet);
        return identity.namespace() != null ? identity
                : new RackIdentity(namespace, identity.cluster(), identity.datacenter(), identity.rack());
    }

    private static Health health(StatefulSet statefulSet) {
        List<String> problems = new ArrayList<>();
        int desired = StatefulSetStatuses.replicas(statefulSet);
        int ready = StatefulSetStatuses.readyReplicas(statefulSet);
        if (ready < desired) {
            problems.add("only " + ready + " of " + desired + " pods of rack " + statefulSet.getMetadata().getName() + " are ready");
        }
        problems.addAll(StatefulSetStatuses.unfinished(statefulSet));
        return new Health(problems);
    }

    private static Map<String, String> annotations(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }
}
