package io.cassguard.support;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the Cassandra nodes that the run's test classes declare with {@link UsesRealCassandra} starting ahead of
 * them, in the background: all of them when the run begins, and, each time such a class ends, those that the classes
 * still to come need and that it stopped. A node's start (10-20 s, mostly waiting) then overlaps other tests instead
 * of adding to the run. Registered through META-INF/services, for the JUnit Platform's launcher (Maven's, an IDE's).
 */
public final class EarlyCassandra implements TestExecutionListener {

    /** The classes of the run that use Cassandra and have not ended, with the nodes they use. */
    private final Map<String, Set<RealCassandra.NodeName>> toCome = new ConcurrentHashMap<>();

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        Deque<TestIdentifier> pending = new ArrayDeque<>(plan.getRoots());
        while (!pending.isEmpty()) {
            TestIdentifier identifier = pending.pop();
            Optional<UsesRealCassandra> uses = declared(identifier);
            if (uses.isPresent()) {
                toCome.put(identifier.getUniqueId(), EnumSet.copyOf(Arrays.asList(uses.get().value())));
            } else {
                pending.addAll(plan.getChildren(identifier));
            }
        }
        startWhatIsToCome();
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (toCome.remove(identifier.getUniqueId()) != null) {
            startWhatIsToCome();
        }
    }

    private void startWhatIsToCome() {
        Set<RealCassandra.NodeName> nodes = EnumSet.noneOf(RealCassandra.NodeName.class);
        toCome.values().forEach(nodes::addAll);
        if (!nodes.isEmpty()) {
            // in the enum's order: dc1 before dc2, whose seed it is
            RealCassandra.startInBackground(List.copyOf(nodes));
        }
    }

    private static Optional<UsesRealCassandra> declared(TestIdentifier identifier) {
        return identifier.getSource().filter(ClassSource.class::isInstance).map(ClassSource.class::cast)
                .map(source -> source.getJavaClass().getAnnotation(UsesRealCassandra.class));
    }
}
