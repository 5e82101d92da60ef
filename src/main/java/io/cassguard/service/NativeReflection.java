package io.cassguard.service;

import io.cassguard.engine.cluster.CassandraCluster;
import io.cassguard.engine.cluster.CassandraDatacenter;
import io.cassguard.engine.cluster.ExtraVolumeClaim;
import io.cassguard.engine.cluster.K8ssandraCluster;
import io.cassguard.engine.cluster.ClusterState;
import io.cassguard.engine.live.CassandraNode;
import io.cassguard.engine.live.CassandraReading;
import io.cassguard.engine.live.Keyspace;
import io.cassguard.engine.live.ReadingStatus;
import io.cassguard.engine.mutations.AntiAffinityMutation;
import io.cassguard.engine.mutations.DrainHookMutation;
import io.cassguard.engine.mutations.ExporterMutation;
import io.cassguard.engine.mutations.SeedsMutation;
import io.cassguard.engine.rules.DcDecommissionRule;
import io.cassguard.engine.rules.MinDcSizeRule;
import io.cassguard.engine.rules.NoParameters;
import io.cassguard.engine.rules.ScaleDownStepRule;
import io.cassguard.engine.rules.UnhealthyClusterRule;
import io.cassguard.engine.rules.VersionSkipRule;
import io.cassguard.model.GuardrailPolicy;
import io.cassguard.model.GuardrailPolicySpec;
import io.cassguard.model.GuardrailPolicyStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The engine's classes that Jackson binds or writes by reflection (including the Cassandra readings of
 * {@code GET /clusters}), for the native image: the engine is plain Java and knows
 * nothing of Quarkus, so they are registered here. {@code NativeReflectionTest} finds every such class and fails
 * when one is missing.
 */
@RegisterForReflection(targets = {
        CassandraCluster.class, CassandraCluster.Spec.class, CassandraCluster.Topology.class,
        CassandraCluster.Datacenter.class, CassandraCluster.Rack.class, CassandraCluster.Status.class,
        CassandraCluster.RackStatus.class, CassandraCluster.LastAction.class, ExtraVolumeClaim.class,
        CassandraDatacenter.class, CassandraDatacenter.Spec.class, CassandraDatacenter.Rack.class,
        CassandraDatacenter.StorageConfig.class, CassandraDatacenter.Status.class, CassandraDatacenter.Condition.class,
        K8ssandraCluster.class, K8ssandraCluster.Spec.class, K8ssandraCluster.DatacenterOptions.class,
        K8ssandraCluster.Cassandra.class, K8ssandraCluster.Datacenter.class, K8ssandraCluster.DatacenterMetadata.class,
        K8ssandraCluster.ExtraVolumes.class, K8ssandraCluster.Status.class, K8ssandraCluster.DatacenterStatus.class,
        ClusterState.class, ClusterState.RackState.class,
        GuardrailPolicy.class, GuardrailPolicySpec.class, GuardrailPolicySpec.Match.class,
        GuardrailPolicySpec.Exemptions.class, GuardrailPolicySpec.Operators.class, GuardrailPolicySpec.Cassandra.class,
        GuardrailPolicySpec.Overrides.class, GuardrailPolicyStatus.class,
        NoParameters.class, MinDcSizeRule.Parameters.class, DcDecommissionRule.Parameters.class,
        UnhealthyClusterRule.Parameters.class, ScaleDownStepRule.Parameters.class,
        VersionSkipRule.Parameters.class,
        AntiAffinityMutation.Parameters.class, DrainHookMutation.Parameters.class, ExporterMutation.Parameters.class,
        ExporterMutation.Resources.class, SeedsMutation.Parameters.class,
        CassandraReading.class, Keyspace.class, CassandraNode.class, ReadingStatus.ReadError.class})
public final class NativeReflection {

    private NativeReflection() {
    }
}
