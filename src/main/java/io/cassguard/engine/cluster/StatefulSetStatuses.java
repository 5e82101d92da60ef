package io.cassguard.engine.cluster;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a StatefulSet's spec and status say about its pods, read the same way by the rules (from a review's old
 * object), the mutations and the controller (from the cache).
 */
public final class StatefulSetStatuses {

    private StatefulSetStatuses() {
    }

    /** The API server defaults a StatefulSet's replicas to 1. */
    public static int replicas(StatefulSet statefulSet) {
        Integer replicas = statefulSet.getSpec() == null ? null : statefulSet.getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }

    public static int readyReplicas(StatefulSet statefulSet) {
        StatefulSetStatus status = statefulSet.getStatus();
        return status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
    }

    /**
     * What the StatefulSet controller has not finished, as it reports it: a rollout (revisions differ), a scale (not
     * as many pods as replicas: a pod removed by the last scale-down may still be draining), or a change it has not
     * seen yet. Empty when the status says the rack is settled, or says nothing.
     */
    public static List<String> unfinished(StatefulSet statefulSet) {
        StatefulSetStatus status = statefulSet.getStatus();
        if (status == null) {
            return List.of();
        }
        String rack = statefulSet.getMetadata().getName();
        List<String> unfinished = new ArrayList<>();
        if (status.getUpdateRevision() != null && !Objects.equals(status.getCurrentRevision(), status.getUpdateRevision())) {
            unfinished.add("a rollout of rack " + rack + " is in progress (currentRevision " + status.getCurrentRevision()
                    + ", updateRevision " + status.getUpdateRevision() + ")");
        }
        if (status.getReplicas() != null && status.getReplicas() != replicas(statefulSet)) {
            unfinished.add("a scale of rack " + rack + " is in progress (" + status.getReplicas() + " pods for "
                    + replicas(statefulSet) + " replicas)");
        }
        Long generation = statefulSet.getMetadata().getGeneration();
        if (generation != null && status.getObservedGeneration() != null && status.getObservedGeneration() < generation) {
            unfinished.add("the StatefulSet controller has not yet acted on the last change of rack " + rack
                    + " (generation " + generation + ", observed " + status.getObservedGeneration() + ")");
        }
        return unfinished;
    }
}
