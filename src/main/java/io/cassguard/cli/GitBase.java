package io.cassguard.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The old side of {@code --git-base REF}: the same paths as {@code --new}, as they are at a git ref. It runs the
 * {@code git} command ({@code ls-tree}, {@code show}): every CI runner that checked the repository out has it, and it
 * reads the repository exactly as the user's git does (worktrees, partial clones, credentials), with no library.
 */
final class GitBase {

    private final String ref;
    private final Path workingDirectory;

    GitBase(String ref, Path workingDirectory) {
        this.ref = ref;
        this.workingDirectory = workingDirectory;
    }

    /** The objects at {@code REF} of a path of {@code --new}: a file or a directory, which may not exist at REF. */
    List<Manifest> read(Path path, ManifestReader reader) throws InputException {
        Path absolute = workingDirectory.resolve(path).toAbsolutePath().normalize();
        Path directory = absolute.toFile().isDirectory() ? absolute : absolute.getParent();
        Path top = Path.of(git(directory, "rev-parse", "--show-toplevel").strip());
        git(top, "rev-parse", "--verify", "--quiet", ref + "^{commit}");
        String inRepository = top.relativize(absolute.toFile().exists() ? realPath(absolute) : absolute).toString();
        List<Manifest> manifests = new ArrayList<>();
        for (String file : git(top, "ls-tree", "-r", "-z", "--name-only", ref, "--", inRepository.isEmpty() ? "." : inRepository)
                .split("\0")) {
            if (!file.isEmpty() && ManifestReader.isManifest(file)) {
                String name = workingDirectory.toAbsolutePath().relativize(top.resolve(file)).toString();
                manifests.addAll(reader.read(name, git(top, "show", ref + ":" + file)));
            }
        }
        return manifests;
    }

    private static Path realPath(Path path) throws InputException {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new InputException(path + ": " + e.getMessage());
        }
    }

    private String git(Path directory, String... arguments) throws InputException {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0) {
                throw new InputException("--git-base " + ref + ": git " + String.join(" ", arguments) + " failed"
                        + (err.isEmpty() ? "" : ": " + err));
            }
            return out;
        } catch (IOException e) {
            throw new InputException("--git-base " + ref + ": cannot run git: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("--git-base " + ref + ": interrupted");
        }
    }
}
