package io.cassguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code cassguard}: the command line of cassguard, a plain main class beside the service's in the same jar, so that
 * it starts without the Quarkus container (bin/cassguard runs it).
 */
@Command(name = "cassguard", mixinStandardHelpOptions = true, versionProvider = CassguardCli.Version.class,
        description = "Cassandra guardrails on Kubernetes, outside the cluster.",
        subcommands = {CheckCommand.class, CommandLine.HelpCommand.class})
public final class CassguardCli {

    /** Everything allowed, warnings included. */
    public static final int ALLOWED = 0;
    /** At least one change refused. */
    public static final int REFUSED = 1;
    /** Input, options or policies that cannot be read. */
    public static final int UNREADABLE = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        // the CLI reports every problem itself; the engine's log lines (a policy file refused) would say it twice
        System.setProperty("org.jboss.logging.provider", "jdk");
        Logger.getLogger("").setLevel(Level.OFF);
        CommandLine commandLine = new CommandLine(new CassguardCli()).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExitCodeExceptionMapper(exception -> UNREADABLE);
        return commandLine.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CassguardCli.class.getPackage().getImplementationVersion();
            return new String[]{"cassguard " + (version == null ? "(development build)" : version)};
        }
    }
}
