package io.cassguard.engine.rules;

import io.cassguard.model.Action;
import io.cassguard.model.Operation;
import io.cassguard.engine.cluster.GuardedKind;
import io.cassguard.engine.cluster.GuardedRequest;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A rule that compares the old and the new state of a Cassandra cluster, whichever kind described it
 * (CassandraCluster, CassandraDatacenter, K8ssandraCluster, StatefulSet, or the StatefulSet's Scale). By default it
 * judges updates only.
 */
abstract class ChangeRule<P> implements Rule<P> {

    static final Set<GuardedKind> CASSANDRA_KINDS = EnumSet.of(GuardedKind.CASSANDRA_CLUSTER,
            GuardedKind.CASSANDRA_DATACENTER, GuardedKind.K8SSANDRA_CLUSTER, GuardedKind.STATEFULSET,
            GuardedKind.STATEFULSET_SCALE);

    /** The operators' resources: a whole cluster or datacenter, with its storage and topology. */
    static final Set<GuardedKind> OPERATOR_RESOURCES = EnumSet.of(GuardedKind.CASSANDRA_CLUSTER,
            GuardedKind.CASSANDRA_DATACENTER, GuardedKind.K8SSANDRA_CLUSTER);

    private final String id;
    private final Action defaultAction;
    private final Class<P> parametersType;
    private final Set<GuardedKind> kinds;

    ChangeRule(String id, Action defaultAction, Class<P> parametersType) {
        this(id, defaultAction, parametersType, CASSANDRA_KINDS);
    }

    /** @param kinds the kinds the rule judges */
    ChangeRule(String id, Action defaultAction, Class<P> parametersType, Set<GuardedKind> kinds) {
        this.id = id;
        this.defaultAction = defaultAction;
        this.parametersType = parametersType;
        this.kinds = kinds;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Action defaultAction() {
        return defaultAction;
    }

    @Override
    public Class<P> parametersType() {
        return parametersType;
    }

    @Override
    public boolean appliesTo(GuardedRequest request) {
        return request.operation() == Operation.UPDATE && judges(request.kind());
    }

    boolean judges(GuardedKind kind) {
        return kinds.contains(kind);
    }

    @Override
    public List<Violation> check(RuleContext<P> context) {
        return check(context.views().change(), context.parameters());
    }

    abstract List<Violation> check(ClusterChange change, P parameters);
}
