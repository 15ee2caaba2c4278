package dev.driftguard.cli;

import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.capture.engine.EmbeddedCapture;
import dev.driftguard.capture.engine.EmbeddedCaptureConfig;
import dev.driftguard.settings.Setting;
import dev.driftguard.stack.ShutdownHooks;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;

@Command(
        name = "capture",
        sortOptions = false,
        description = {
            "Capture one side of a migration into Kafka: runs the Debezium PostgreSQL connector (pgoutput) inside this"
                    + " process and writes one canonical Avro RowChange per row change to the topic"
                    + " driftguard.<migration>.<side>, keyed by table and primary key. Prepares the database first"
                    + " (idempotent). Runs until stopped (Ctrl-C); a restart resumes where it stopped.",
            "Stops gracefully on Ctrl-C or SIGTERM (offsets flushed; the JVM then exits 130 or 143);"
                    + " exit code 2: configuration, connection or capture error."
        },
        subcommands = {CapturePrepareCommand.class, CaptureCleanupCommand.class, CaptureConnectConfigCommand.class})
final class CaptureCommand extends SettingsCommand {

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(30);

    CaptureCommand() {
        super(CaptureSettings.SETTINGS, EmbeddedCaptureConfig.SETTINGS.toArray(Setting<?>[]::new));
    }

    @Override
    public Integer call() throws Exception {
        EmbeddedCaptureConfig config = EmbeddedCaptureConfig.from(given());
        PrintWriter out = spec.commandLine().getOut();
        out.println("checking Kafka at " + config.kafkaBootstrap() + ", then preparing "
                + config.settings().database() + " (slot "
                + config.settings().names().slotName() + ")");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        try (EmbeddedCapture running = EmbeddedCapture.start(config);
                ShutdownHooks.OnSignal onCtrlC = ShutdownHooks.onSignal("driftguard-capture-shutdown", () -> {
                    running.close();
                    stopped.countDown();
                })) {
            PrepareReportPrinter.print(running.prepared(), out);
            out.flush();
            awaitStreaming(running, out);
            out.println("capturing into topic " + config.settings().names().topic() + "; stop with Ctrl-C");
            out.flush();
            long reported = 0;
            while (!running.awaitTermination(PROGRESS_INTERVAL)) {
                long delivered = running.delivered();
                if (delivered != reported) {
                    out.println("delivered " + delivered + " row changes");
                    out.flush();
                    reported = delivered;
                }
            }
            stopped.await();
        }
        return ExitCodes.OK;
    }

    /** The initial snapshot can take long: report progress until the change stream runs. */
    private static void awaitStreaming(EmbeddedCapture running, PrintWriter out) throws InterruptedException {
        while (true) {
            try {
                running.awaitStreaming(PROGRESS_INTERVAL);
                return;
            } catch (TimeoutException e) {
                out.println("snapshot in progress: " + running.delivered() + " rows delivered");
                out.flush();
            }
        }
    }
}
