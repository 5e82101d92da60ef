package io.cassguard.cli;

import io.cassguard.engine.cluster.LiveState;
import io.cassguard.engine.decision.Engine;
import io.cassguard.engine.decision.MutationEngine;
import io.cassguard.model.AdmissionRequest;
import io.cassguard.model.Operation;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code cassguard check} (the README): the webhooks' answers to a manifest change, before it reaches a cluster. */
@Command(name = "check", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Checks a manifest change with the rules and policies of the cassguard webhooks.",
                "Objects are paired by API group, kind, namespace and name: only in --new is a CREATE,",
                "in both an UPDATE, only on the old side a DELETE."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:everything allowed (warnings allowed)", "1:something refused",
                "2:unreadable input, options or policies (file, line, field)"})
final class CheckCommand implements Callable<Integer> {

    static final String STDIN = "-";

    @Option(names = {"--new", "-f", "--filename"}, required = true, paramLabel = "DIR|FILE|-",
            description = "The manifests as they will be (repeatable; - reads standard input).")
    List<String> newPaths;

    @ArgGroup(exclusive = true)
    OldSide old = new OldSide();

    static final class OldSide {
        @Option(names = "--old", paramLabel = "DIR|FILE", description = "The manifests as they are now (repeatable).")
        List<Path> paths = List.of();

        @Option(names = "--git-base", paramLabel = "REF", description = "The same paths as --new, at a git ref (with the git command).")
        String gitBase;

        @Option(names = "--live", description = "The objects as the cluster of KUBECONFIG has them (read only).")
        boolean live;
    }

    @Option(names = "--policies", paramLabel = "DIR", description = "The GuardrailPolicy files (default: policies/, else the built-in defaults).")
    Path policies;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = "cassguard-check", description = "Who applies the change (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--group", paramLabel = "G", description = "A group of the user (repeatable; system:authenticated is always added).")
    List<String> groups = List.of();

    @Option(names = "--mutations", description = "Also show what the mutating webhook would add.")
    boolean mutations;

    @Option(names = {"--output", "-o"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, junit or sarif (default: ${DEFAULT-VALUE}).")
    Output output;

    @Option(names = {"--namespace", "-n"}, paramLabel = "NS", description = "The namespace of objects that name none (default: default).")
    String namespace;

    @Option(names = "--no-deletes", description = "Objects only on the old side are not deletes (e.g. --new holds part of the tree).")
    boolean noDeletes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            CheckResult result = check();
            out.print(output.report().render(result));
            out.flush();
            return result.exitCode();
        } catch (InputException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return CassguardCli.UNREADABLE;
        }
    }

    private CheckResult check() throws InputException {
        ManifestReader reader = new ManifestReader(namespace);
        List<Manifest> newSide = readNew(reader);
        Engine engine = engine();
        List<Manifest> oldSide = readOld(reader, newSide, engine);
        ManifestChange.Pairing pairing = ManifestChange.pair(newSide, oldSide, !noDeletes && !old.live);
        List<Checked> checked = new ArrayList<>();
        for (ManifestChange paired : pairing.changes()) {
            ManifestChange change = SettledStatus.fill(paired);
            AdmissionRequest request = request(change, checked.size() + 1);
            MutationEngine.Result mutation = mutations && change.operation() != Operation.DELETE
                    ? engine.mutation().mutate(request) : null;
            checked.add(new Checked(change, engine.validation().validate(request), mutation));
        }
        return new CheckResult(checked, pairing.unchanged());
    }

    private List<Manifest> readNew(ManifestReader reader) throws InputException {
        List<Manifest> manifests = new ArrayList<>();
        for (String path : newPaths) {
            if (path.equals(STDIN)) {
                manifests.addAll(reader.read("stdin", stdin()));
            } else {
                for (Path file : ManifestReader.files(Path.of(path))) {
                    manifests.addAll(reader.read(file));
                }
            }
        }
        return manifests;
    }

    private List<Manifest> readOld(ManifestReader reader, List<Manifest> newSide, Engine engine) throws InputException {
        List<Manifest> manifests = new ArrayList<>();
        if (old.gitBase != null) {
            GitBase git = new GitBase(old.gitBase, Path.of(""));
            for (String path : newPaths) {
                if (path.equals(STDIN)) {
                    throw new InputException("--git-base reads the paths of --new at a ref: standard input has none");
                }
                manifests.addAll(git.read(Path.of(path), reader));
            }
        } else if (old.live) {
            manifests.addAll(LiveCluster.read(newSide, engine.mapper()));
        } else {
            for (Path path : old.paths) {
                for (Path file : ManifestReader.files(path)) {
                    manifests.addAll(reader.read(file));
                }
            }
        }
        return manifests;
    }

    /** The engine with the policies of --policies; a policy file that does not load stops the check (exit 2). */
    private Engine engine() throws InputException {
        if (policies != null && !Files.isDirectory(policies)) {
            throw new InputException(policies + ": no such policy directory");
        }
        Engine engine = Engine.create(policies == null ? Path.of("policies") : policies, LiveState.NONE);
        Map<String, String> problems = engine.policies().problems();
        if (!problems.isEmpty()) {
            throw new InputException(problems.entrySet().stream()
                    .map(problem -> problem.getKey() + ": " + problem.getValue())
                    .collect(Collectors.joining("\n")));
        }
        return engine;
    }

    /** The request the API server would send for the change: the user's, never a dry run. */
    private AdmissionRequest request(ManifestChange change, int number) {
        Manifest subject = change.subject();
        ObjectKey key = subject.key();
        Set<String> userGroups = new LinkedHashSet<>(groups);
        userGroups.add("system:authenticated");
        return new AdmissionRequest("cassguard-check-" + number, key.group(), subject.version(), key.kind(),
                key.resource(), "", change.operation(), key.namespace(), key.name(), user, List.copyOf(userGroups), false,
                change.newer() == null ? null : change.newer().object(),
                change.older() == null ? null : change.older().object());
    }

    private static String stdin() throws InputException {
        try {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException("standard input cannot be read: " + e.getMessage());
        }
    }
}
