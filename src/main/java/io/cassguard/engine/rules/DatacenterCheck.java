package io.cassguard.engine.rules;

import io.cassguard.engine.cluster.ClusterState;

import java.util.List;
import java.util.Map;

/**
 * A rule that can also judge a datacenter as it runs now, not only a change to it: the controller's background
 * evaluation puts what it finds in the PolicyReport (DESIGN §8), e.g. a datacenter below its minimum size.
 *
 * @param <P> the rule's parameters, as the policy sets them
 */
public interface DatacenterCheck<P> {

    /**
     * @param datacenter  the live state of the datacenter
     * @param annotations the annotations of the object the result is about (they configure its guardrails)
     */
    List<Violation> checkDatacenter(ClusterState datacenter, Map<String, String> annotations, P parameters);
}
