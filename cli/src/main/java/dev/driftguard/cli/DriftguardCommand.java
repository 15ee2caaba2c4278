package dev.driftguard.cli;

import dev.driftguard.cli.demo.DemoCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code driftguard} entry point: one subcommand per capability. */
@Command(
        name = "driftguard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Validation and gated, reversible cutover for PostgreSQL migrations.")
public final class DriftguardCommand implements Runnable {

    /** The subcommands, in the order the usage lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            VersionCommand.class,
            StackCommand.class,
            CompareCommand.class,
            ValidateCommand.class,
            DriftsCommand.class,
            CaptureCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(newCommandLine(args.length > 0 ? args[0] : null).execute(args));
    }

    /** The configured command line with every subcommand (shared by tests and help so both behave the same). */
    public static CommandLine newCommandLine() {
        return newCommandLine(null);
    }

    /**
     * The configured command line; when {@code first} names a subcommand (other than help), with that one only. picocli
     * builds each command's model by reflection when it is added, which for all of them is about half a second of
     * every start; a run needs only its own.
     */
    static CommandLine newCommandLine(String first) {
        CommandLine cl = new CommandLine(new DriftguardCommand());
        boolean one =
                first != null && !first.equals("help") && SUBCOMMANDS.stream().anyMatch(c -> name(c).equals(first));
        for (Class<?> subcommand : SUBCOMMANDS) {
            if (!one || name(subcommand).equals(first)) {
                cl.addSubcommand(subcommand);
            }
        }
        SettingOptions.addAll(cl);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl;
    }

    private static String name(Class<?> subcommand) {
        return subcommand.getAnnotation(Command.class).name();
    }
}
