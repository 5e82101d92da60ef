package io.cassguard.engine.rules;

import io.cassguard.model.Action;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code mixed-change}: a rolling upgrade and a scale or topology change at once stream data between nodes of two
 * versions, which Cassandra does not support; each must settle before the other starts.
 */
public class MixedChangeRule extends ChangeRule<NoParameters> {

    public MixedChangeRule() {
        super("mixed-change", Action.Enforce, NoParameters.class);
    }

    @Override
    List<Violation> check(ClusterChange change, NoParameters parameters) {
        List<String> sizeChanges = change.sizeChanges();
        if (!change.changesVersion() || sizeChanges.isEmpty()) {
            return List.of();
        }
        String versions = change.versionMoves().stream().map(change::versionChangeText).distinct()
                .collect(Collectors.joining(", "));
        return List.of(Violation.refuse(versions + " together with a size or topology change ("
                + String.join("; ", sizeChanges) + ") in one update; make them two updates, waiting until "
                + change.after().terms().settledWhen() + " in between"));
    }
}
