package dev.driftguard.cli.demo;

import dev.driftguard.cli.ExitCodes;
import dev.driftguard.cli.SettingsCommand;
import dev.driftguard.demo.DemoOptions;
import dev.driftguard.demo.DemoOutcome;
import dev.driftguard.demo.DemoProgress;
import dev.driftguard.demo.DemoRun;
import dev.driftguard.demo.Durations;
import dev.driftguard.demo.StopSignal;
import dev.driftguard.settings.Setting;
import dev.driftguard.settings.Settings;
import dev.driftguard.stack.ShutdownHooks;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;

@Command(
        name = "demo",
        sortOptions = false,
        description = {
            "Shows driftguard end to end on this machine, in a few minutes: a source and a target PostgreSQL with native"
                    + " logical replication, Kafka, capture of both sides and the streaming validator; a write workload"
                    + " on the source; drift injected directly on the target, found, repaired and resolved; a batch"
                    + " compare with JSON and HTML reports; a summary.",
            "Everything it starts it stops (unless --keep-running). Exit code 0: every injected drift was found and"
                    + " resolved and batch compare found the databases identical; 1: an expectation failed (the"
                    + " reason is printed); 2: the demo could not run."
        })
public final class DemoCommand extends SettingsCommand {

    /** How long Ctrl-C waits for the demo to return before the JVM exits anyway. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private static final Setting<Boolean> VERBOSE = Setting.flag("verbose")
            .description("Also log driftguard's own progress (INFO) to stderr; by default only warnings and errors.")
            .build();

    public DemoCommand() {
        super(DemoOptions.SETTINGS, VERBOSE);
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = given();
        DemoOptions options = DemoOptions.from(settings);
        try (QuietLogs quiet = QuietLogs.unless(settings.get(VERBOSE))) {
            return run(options);
        }
    }

    private int run(DemoOptions options) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DemoConsole console = new DemoConsole(out);
        console.title("driftguard demo: streaming validation, drift detection and batch compare of a live PostgreSQL"
                + " migration, all on this machine.");
        long startNanos = System.nanoTime();
        StopSignal stop = new StopSignal();
        try (ShutdownHooks.OnSignal onCtrlC =
                ShutdownHooks.onSignal("driftguard-demo-stop", () -> stopOnCtrlC(stop, console))) {
            DemoOutcome outcome;
            try (DemoRun run = new DemoRun(options, console, stop)) {
                outcome = run.run();
                if (options.keepRunning()) {
                    console.step(DemoProgress.STEPS, "Summary; everything keeps running until Ctrl-C");
                    printSummary(console, outcome, startNanos);
                    printConnections(run, console);
                    run.watchDrift();
                    return exitCode(outcome);
                }
                console.step(DemoProgress.STEPS, "Stopping capture, the validator, Kafka and PostgreSQL");
                long stopping = System.nanoTime();
                run.close();
                console.detail("stopped in " + Durations.text(Duration.ofNanos(System.nanoTime() - stopping)));
            }
            printSummary(console, outcome, startNanos);
            return exitCode(outcome);
        } finally {
            stop.finished();
        }
    }

    /** The shutdown hook: the demo stops at its next check; the local stack's own hooks stop the servers. */
    private static void stopOnCtrlC(StopSignal stop, DemoConsole console) {
        stop.request();
        QuietLogs.silenceThirdPartyTeardown();
        console.blank();
        console.line("Stopping everything.");
        try {
            stop.awaitFinished(STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int exitCode(DemoOutcome outcome) {
        return outcome.succeeded() ? ExitCodes.OK : ExitCodes.DIFFERENCES;
    }

    private static void printSummary(DemoConsole console, DemoOutcome outcome, long startNanos) {
        console.blank();
        outcome.summaryLines().forEach(console::line);
        console.line(String.format(
                "  %-17s %s", "run time", Durations.text(Duration.ofNanos(System.nanoTime() - startNanos))));
        console.blank();
        outcome.resultLines().forEach(console::line);
    }

    private static void printConnections(DemoRun run, DemoConsole console) {
        console.blank();
        console.line("Everything keeps running. Connect and explore:");
        run.connectionLines().forEach(line -> console.line("  " + line));
        console.line("Write to the target to make drift; it shows up here, and in:");
        console.line(
                "  ./driftguard drifts --migration " + DemoRun.MIGRATION + " --audit-db " + run.auditUri() + " --open");
        console.line("Ctrl-C stops everything.");
        console.blank();
    }
}
