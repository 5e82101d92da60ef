package io.cassguard.service;

import io.cassguard.engine.cluster.CassandraCluster;
import io.cassguard.engine.cluster.ClusterState;
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
 * The engine's classes that Jackson binds by reflection, for the native image: the engine is plain Java and knows
 * nothing of Quarkus, so they are registered here. {@code NativeReflectionTest} finds every such class and fails
 * when one is missing.
 */
@RegisterForReflection(targets = {
        CassandraCluster.class, CassandraCluster.Spec.class, CassandraCluster.Topology.class,
        CassandraCluster.Datacenter.class, CassandraCluster.Rack.class, CassandraCluster.Status.class,
        CassandraCluster.RackStatus.class, CassandraCluster.LastAction.class, CassandraCluster.StorageConfig.class,
        ClusterState.class, ClusterState.RackState.class,
        GuardrailPolicy.class, GuardrailPolicySpec.class, GuardrailPolicySpec.Match.class,
        GuardrailPolicySpec.Exemptions.class, GuardrailPolicySpec.Operators.class, GuardrailPolicySpec.Cassandra.class,
        GuardrailPolicySpec.Overrides.class, GuardrailPolicyStatus.class,
        NoParameters.class, MinDcSizeRule.Parameters.class, DcDecommissionRule.Parameters.class,
        UnhealthyClusterRule.Parameters.class, ScaleDownStepRule.Parameters.class,
        VersionSkipRule.Parameters.class,
        AntiAffinityMutation.Parameters.class, DrainHookMutation.Parameters.class, ExporterMutation.Parameters.class,
        ExporterMutation.Resources.class, SeedsMutation.Parameters.class})
public final class NativeReflection {

    private NativeReflection() {
    }
}
