package dev.driftguard.cli;

import dev.driftguard.compare.BatchCompare;
import dev.driftguard.compare.CompareInterruptedException;
import dev.driftguard.compare.CompareOptions;
import dev.driftguard.compare.CompareResult;
import dev.driftguard.compare.CompareSettings;
import dev.driftguard.compare.CompareSummary;
import dev.driftguard.compare.TableResult;
import dev.driftguard.compare.report.HtmlReport;
import dev.driftguard.compare.report.JsonReport;
import dev.driftguard.compare.report.ReportTargets;
import dev.driftguard.settings.Settings;
import dev.driftguard.stack.ShutdownHooks;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        sortOptions = false,
        description = {
            "Compare every row of the tables of two PostgreSQL databases, in the databases: key-range segments are"
                    + " checksummed on both sides at once, mismatches narrowed down to rows and columns.",
            "Exit code 0: every compared table identical; 1: differences found or a table could not be compared;"
                    + " 2: usage, connection or configuration error."
        })
final class CompareCommand extends SettingsCommand {

    private Settings settings;

    CompareCommand() {
        super(CompareSettings.SETTINGS, ProgressReporter.MODE);
    }

    @Override
    public Integer call() {
        settings = given();
        CompareOptions options = CompareOptions.from(settings);
        ReportTargets.check(settings);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ProgressReporter reporter = ProgressReporter.create(settings.get(ProgressReporter.MODE), err)) {
            BatchCompare compare = new BatchCompare(options, reporter);
            CountDownLatch done = new CountDownLatch(1);
            CompareResult result;
            try (ShutdownHooks.OnSignal onCtrlC = ShutdownHooks.onSignal("driftguard-compare-interrupt", () -> {
                compare.cancel();
                awaitQuietly(done);
            })) {
                result = compare.run();
            } catch (CompareInterruptedException e) {
                reporter.close();
                err.println("driftguard: " + e.getMessage());
                return ExitCodes.USAGE_OR_CONFIG;
            } finally {
                done.countDown();
            }
            reporter.close();
            // Printed first: the results are not lost if a report still cannot be written (e.g. a full disk).
            printSummary(out, result);
            settings.find(CompareSettings.JSON).ifPresent(json -> {
                JsonReport.write(result, json);
                out.println("JSON report: " + json.toAbsolutePath());
            });
            settings.find(CompareSettings.HTML).ifPresent(html -> {
                HtmlReport.write(result, html);
                out.println("HTML report: " + html.toAbsolutePath());
            });
            out.flush();
            return result.allIdentical() ? ExitCodes.OK : ExitCodes.DIFFERENCES;
        }
    }

    /** In a shutdown hook: give the cancelled run up to 30 s to record where it stopped. */
    private static void awaitQuietly(CountDownLatch done) {
        try {
            done.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void printSummary(PrintWriter out, CompareResult result) {
        for (TableResult t : result.tables()) {
            StringBuilder line = new StringBuilder(t.table().toString())
                    .append(": ")
                    .append(t.status().reportName());
            if (t.sourceRows() != null || t.targetRows() != null) {
                line.append(" (source ")
                        .append(t.sourceRows() == null ? "-" : t.sourceRows())
                        .append(" rows, target ")
                        .append(t.targetRows() == null ? "-" : t.targetRows())
                        .append(" rows");
                if (t.counts().total() > 0) {
                    line.append(", ")
                            .append(t.counts().missingOnTarget())
                            .append(" missing on target, ")
                            .append(t.counts().extraOnTarget())
                            .append(" extra on target, ")
                            .append(t.counts().valueMismatch())
                            .append(" value mismatches");
                }
                if (!t.inFlight().isEmpty()) {
                    line.append(", ").append(t.inFlight().size()).append(" in flight");
                }
                line.append(')');
            }
            if (t.reason() != null) {
                line.append(": ").append(t.reason());
            }
            out.println(line);
        }
        CompareSummary s = result.summary();
        out.printf(
                "run %s: %d table(s): %d identical, %d different, %d skipped, %d error; %d difference(s);"
                        + " %d rows in %.1f s (%,.0f rows/s)%n",
                s.runId(),
                s.tables(),
                s.identical(),
                s.different(),
                s.skipped(),
                s.errors(),
                s.differences().total(),
                s.rowsCompared(),
                s.duration().toMillis() / 1000.0,
                s.rowsPerSecond());
        out.flush();
    }
}
