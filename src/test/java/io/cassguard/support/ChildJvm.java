package io.cassguard.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.spi.ToolProvider;

/**
 * The command line of a short-lived JVM of the tests' own (the CLI as a user runs it, an audit writer to kill): this
 * JVM's java and class path, started as bin/cassguard starts the CLI, for a quick start rather than peak speed: C1
 * only, the serial collector, and a class-data archive (AppCDS) of what the first such JVM that ends normally loaded.
 * AppCDS takes jars only, so the class directories of the test class path are packed into jars first. Both live in a
 * directory of each test run, which every class loader of the test JVM (Quarkus tests load this class again) finds
 * through a system property; about 5 s once, when the archive is written, then about 1 s less for every start.
 */
public final class ChildJvm {

    private static final String HOME_PROPERTY = "childjvm.home";

    private ChildJvm() {
    }

    public static synchronized List<String> command(Class<?> mainClass, String... arguments) {
        Path home = home();
        Path archive = home.resolve("classes.jsa");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xlog:disable", "-Xlog:all=error:stderr",
                // written when the JVM ends normally: a JVM killed before leaves it to the next one
                Files.exists(archive) ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + archive,
                "-Xshare:auto",
                "-cp", read(home.resolve("classpath")), mainClass.getName()));
        command.addAll(List.of(arguments));
        return command;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run's directory, with the class path of jars ({@code classpath}) made the first time. */
    private static Path home() {
        String existing = System.getProperty(HOME_PROPERTY);
        if (existing != null) {
            return Path.of(existing);
        }
        try {
            Path target = Path.of("target").toAbsolutePath();
            Files.createDirectories(target);
            Path home = Files.createTempDirectory(target, "child-jvm-");
            List<String> classpath = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (Files.isDirectory(path)) {
                    Path jar = home.resolve(classpath.size() + "-" + path.getFileName() + ".jar");
                    pack(path, jar);
                    classpath.add(jar.toString());
                } else {
                    classpath.add(entry);
                }
            }
            Files.writeString(home.resolve("classpath"), String.join(File.pathSeparator, classpath));
            System.setProperty(HOME_PROPERTY, home.toString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(home), "delete-child-jvm-files"));
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // the test JVM exits: what remains is under target/
        }
    }

    /** The JDK's jar tool, in this JVM. */
    private static void pack(Path directory, Path jar) {
        ToolProvider tool = ToolProvider.findFirst("jar").orElseThrow(() -> new IllegalStateException("no jar tool"));
        int status = tool.run(System.out, System.err, "--create", "--file", jar.toString(), "-C", directory.toString(), ".");
        if (status != 0) {
            throw new IllegalStateException("jar --create of " + directory + " ended with " + status);
        }
    }
}
