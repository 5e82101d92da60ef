package io.cassguard.engine.mutations;

import io.cassguard.model.PolicyNames;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * A mutation of Cassandra StatefulSets (docs/rules.md). The {@link io.cassguard.engine.policy.Catalog} lists them all;
 * each adds only what is absent and never changes what the user set, so that applying its result again changes nothing.
 *
 * @param <P> the mutation's parameters under {@code spec.mutations.<policyName>}, defaults in field initialisers
 */
public interface Mutation<P> {

    /** The mutation id of docs/rules.md, e.g. {@code drain-hook}; also its word in {@code cassguard.io/skip-mutations}. */
    String id();

    Class<P> parametersType();

    /**
     * Adds what is absent to the pod template of {@code statefulSet} (the rest of it is read only: the patch is the
     * difference of the pod template and the annotations); returns whether anything was added.
     */
    boolean apply(MutationContext<P> context, StatefulSet statefulSet);

    default String policyName() {
        return PolicyNames.camelCase(id());
    }
}
