package dev.driftguard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "version", description = "Print the driftguard version and the versions of what it was built with.")
final class VersionCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (String line : new Provider().getVersion()) {
            spec.commandLine().getOut().println(line);
        }
        return ExitCodes.OK;
    }

    /** Reads the version the build wrote into {@code driftguard-version.properties}. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            java.util.Properties p = new java.util.Properties();
            try (var in = VersionCommand.class.getResourceAsStream("/driftguard-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read the bundled version file", e);
            }
            return new String[] {
                "driftguard " + p.getProperty("version", "unknown"),
                "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                "built with Flink " + p.getProperty("flink", "?") + ", Kafka " + p.getProperty("kafka", "?")
                        + ", Debezium " + p.getProperty("debezium", "?") + ", PostgreSQL JDBC "
                        + p.getProperty("postgresql", "?")
            };
        }
    }
}
