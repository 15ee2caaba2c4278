package dev.driftguard.cli;

import dev.driftguard.cli.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code driftguard} entry point: one subcommand per capability. */
@Command(
        name = "driftguard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Validation and gated, reversible cutover for PostgreSQL migrations.",
        subcommands = {
            VersionCommand.class,
            StackCommand.class,
            CompareCommand.class,
            BenchCommand.class,
            ValidateCommand.class,
            DriftsCommand.class,
            CaptureCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class
        })
public final class DriftguardCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line (shared by {@link #main} and tests so both behave the same). */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new DriftguardCommand());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setExitCodeExceptionMapper(ErrorHandler::exitCode);
        return cl;
    }
}
