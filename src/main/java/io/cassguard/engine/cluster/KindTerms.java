package io.cassguard.engine.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Optional;

/**
 * The words and conventions of one guarded kind: how its size and storage are set, how a change settles, how a
 * datacenter is retired. The rules are written once against {@link ClusterView}; where a message names a field, a
 * command or a next step, they take it from here, so that each user reads the language of the object they wrote.
 */
public interface KindTerms {

    /** How a cluster described by one object is retired: the object goes, and its operator takes the rest. */
    String RETIRE_CLUSTER = "to retire the cluster, annotate it " + Annotations.ALLOW_DELETE + "=true, then delete it";

    /** kubectl's name of the resource, e.g. {@code cassandracluster}. */
    String resource();

    /** The field that sets a size, as the user writes it, e.g. {@code nodesPerRacks}. */
    String sizeField();

    /** When a change has settled and the next one may follow. */
    String settledWhen();

    /** When the cluster is healthy enough for a scale-down or a version change. */
    String healthyWhen();

    /** How to set a datacenter to {@code nodes}, as a command or an edit. */
    String resizeStep(ClusterView cluster, DatacenterView datacenter, int nodes);

    /** The object (a copy of the old one, the caller's to change) with only the datacenter's size set to {@code nodes}. */
    ObjectNode withSize(ObjectNode object, DatacenterView datacenter, int nodes);

    /** How to take a datacenter out of the cluster for good, when it may shrink no further. */
    String retireStep(ClusterView cluster, DatacenterView datacenter);

    /**
     * What takes a datacenter out of the cluster, as the change says it ({@code dc dc2: nodesPerRacks 3 -> 0
     * decommissions it}); empty when the change does not decommission it.
     *
     * @param before the datacenter before the change
     * @param after  the same datacenter after it, or null when the change removes it from the object
     */
    Optional<String> decommission(DatacenterView before, DatacenterView after);

    /** What must happen to a datacenter before it may leave the object, when leaving does not decommission it. */
    String emptyBeforeRemoval(DatacenterView datacenter);

    /** The operator removes nodes one at a time whatever size it is given (cass-operator decommissions node by node). */
    default boolean operatorRemovesOneNodeAtATime() {
        return false;
    }

    /** The object describes every datacenter of its cluster: its size going to 0 stops the whole cluster. */
    boolean describesWholeCluster();

    /** What sets the cluster's name, for the message that refuses to change it. */
    String clusterNameField();

    /** The setting of a rack's token count when the object leaves it to the operator, e.g. {@code numTokens}. */
    String numTokensField();

    /** The field of the data volumes' size, e.g. {@code dataCapacity}. */
    String dataCapacityField();

    /** The field of the data volumes' storage class, e.g. {@code dataStorageClass}. */
    String dataStorageClassField();

    /** What deleting the object takes with it besides the object, as a clause of the refusal; empty when nothing. */
    default String deletionConsequence(HasMetadata object) {
        return "";
    }
}
