package io.cassguard.engine.mutations;

import io.cassguard.engine.cluster.CassandraStatefulSets;
import io.cassguard.model.FieldError;
import io.cassguard.model.SelfValidating;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LifecycleBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.List;
import java.util.Optional;

/**
 * {@code drain-hook}: a Cassandra node that is stopped without {@code nodetool drain} replays its commit log at
 * the next start and may drop in-flight writes; the preStop hook drains it, and the grace period gives it time. A
 * grace period the user chose (anything but absent or Kubernetes' default 30) is kept, with a warning when it is
 * shorter than the minimum.
 */
public class DrainHookMutation extends PodTemplateMutation<DrainHookMutation.Parameters> {

    public static class Parameters implements SelfValidating {
        public long minTerminationGracePeriodSeconds = 1800;

        @Override
        public List<FieldError> problems() {
            return minTerminationGracePeriodSeconds >= 0 ? List.of()
                    : List.of(new FieldError("minTerminationGracePeriodSeconds", "must be 0 or more"));
        }
    }

    /** The API server fills in 30 before admission: 30 means the user did not choose. */
    private static final long KUBERNETES_DEFAULT_GRACE_SECONDS = 30;

    public DrainHookMutation() {
        super("drain-hook", Parameters.class);
    }

    @Override
    boolean inject(MutationContext<Parameters> context, StatefulSet statefulSet, PodSpec podSpec) {
        Optional<Container> cassandra = CassandraStatefulSets.cassandraContainer(statefulSet);
        if (cassandra.isEmpty()) {
            return false;
        }
        boolean changed = false;
        Container container = cassandra.get();
        if (container.getLifecycle() == null || container.getLifecycle().getPreStop() == null) {
            LifecycleBuilder lifecycle = container.getLifecycle() == null
                    ? new LifecycleBuilder() : new LifecycleBuilder(container.getLifecycle());
            container.setLifecycle(lifecycle.withNewPreStop().withNewExec()
                    .withCommand("/bin/sh", "-c", "nodetool drain").endExec().endPreStop().build());
            changed = true;
        }
        Long grace = podSpec.getTerminationGracePeriodSeconds();
        long minimum = context.parameters().minTerminationGracePeriodSeconds;
        if (grace == null || grace == KUBERNETES_DEFAULT_GRACE_SECONDS) {
            if (grace == null || grace != minimum) {
                podSpec.setTerminationGracePeriodSeconds(minimum);
                changed = true;
            }
        } else if (grace < minimum) {
            context.warnings().add("[" + id() + "] terminationGracePeriodSeconds " + grace + " < " + minimum
                    + ": the pod may be killed before nodetool drain ends; kept as set");
        }
        return changed;
    }
}
