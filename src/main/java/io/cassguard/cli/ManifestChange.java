package io.cassguard.cli;

import io.cassguard.model.Operation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One object's change between the old side and {@code --new}: what the API server would be asked to admit. */
record ManifestChange(Operation operation, Manifest newer, Manifest older) {

    /** The object the change is reported at: the new one, or the old one of a DELETE. */
    Manifest subject() {
        return newer != null ? newer : older;
    }

    /** The changes of both sides, and how many objects are the same on both (kubectl apply sends nothing for those). */
    record Pairing(List<ManifestChange> changes, int unchanged) {
    }

    /**
     * Pairs the objects by group, kind, namespace and name: only new is a CREATE, both an UPDATE (none when equal),
     * only old a DELETE, unless {@code deletes} is false.
     */
    static Pairing pair(List<Manifest> newSide, List<Manifest> oldSide, boolean deletes) throws InputException {
        Map<ObjectKey, Manifest> olds = byKey(oldSide);
        List<ManifestChange> changes = new ArrayList<>();
        int unchanged = 0;
        for (Manifest newer : byKey(newSide).values()) {
            Manifest older = olds.remove(newer.key());
            if (older == null) {
                changes.add(new ManifestChange(Operation.CREATE, newer, null));
            } else if (Objects.equals(older.object(), newer.object())) {
                unchanged++;
            } else {
                changes.add(new ManifestChange(Operation.UPDATE, newer, older));
            }
        }
        if (deletes) {
            olds.values().forEach(older -> changes.add(new ManifestChange(Operation.DELETE, null, older)));
        }
        return new Pairing(changes, unchanged);
    }

    private static Map<ObjectKey, Manifest> byKey(List<Manifest> manifests) throws InputException {
        Map<ObjectKey, Manifest> byKey = new LinkedHashMap<>();
        for (Manifest manifest : manifests) {
            Manifest earlier = byKey.putIfAbsent(manifest.key(), manifest);
            if (earlier != null) {
                throw InputException.at(manifest.file(), manifest.line(), manifest.key().displayName() + " in namespace "
                        + manifest.key().namespace() + " is already at " + earlier.location());
            }
        }
        return byKey;
    }
}
