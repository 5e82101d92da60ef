package io.cassguard.cli;

import java.util.List;

/** What {@code cassguard check} found: one entry per changed object, in input order, deletes last. */
record CheckResult(List<Checked> objects, int unchanged) {

    long refused() {
        return objects.stream().filter(Checked::refused).count();
    }

    long warned() {
        return objects.stream().filter(checked -> !checked.refused() && !checked.decision().warnings().isEmpty()).count();
    }

    int exitCode() {
        return refused() > 0 ? CassguardCli.REFUSED : CassguardCli.ALLOWED;
    }
}
