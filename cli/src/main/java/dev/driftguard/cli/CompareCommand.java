package dev.driftguard.cli;

import dev.driftguard.compare.BatchCompare;
import dev.driftguard.compare.CompareInterruptedException;
import dev.driftguard.compare.CompareOptions;
import dev.driftguard.compare.CompareResult;
import dev.driftguard.compare.CompareSummary;
import dev.driftguard.compare.TableResult;
import dev.driftguard.compare.report.HtmlReport;
import dev.driftguard.compare.report.JsonReport;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.stack.ShutdownHooks;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
final class CompareCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--source",
            required = true,
            paramLabel = "URI",
            description = "Source database (postgresql://user@host:port/db or jdbc:postgresql://...).")
    String source;

    @Option(names = "--target", required = true, paramLabel = "URI", description = "Target database.")
    String target;

    @Option(names = "--schema", paramLabel = "S", description = "Schema to compare (repeatable; default public).")
    List<String> schemas = new ArrayList<>();

    @Option(
            names = "--tables",
            paramLabel = "a,b,...",
            description = "Only these tables (table or schema.table; repeatable).")
    List<String> tables = new ArrayList<>();

    @Option(
            names = "--exclude-columns",
            paramLabel = "t.c,...",
            description = "Columns left out of the comparison (table.column or schema.table.column).")
    List<String> excludeColumns = new ArrayList<>();

    @Option(
            names = "--key",
            paramLabel = "t:c1,c2",
            description = "Key columns of a table without primary key or unique NOT NULL index (repeatable).")
    List<String> keys = new ArrayList<>();

    @Option(
            names = "--where",
            paramLabel = "t:PREDICATE",
            description = "Compare only the rows of a table matching an SQL predicate, on both sides (repeatable).")
    List<String> where = new ArrayList<>();

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Segments compared at once; each uses one connection per database (default: the cores of this"
                    + " machine, at most 4; here ${DEFAULT-VALUE}).")
    int threads = CompareOptions.DEFAULT_THREADS;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the JSON report here.")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the HTML report here.")
    Path html;

    @Option(
            names = "--audit-db",
            paramLabel = "URI",
            description = "Store the run, its progress and findings in this audit database.")
    String auditDb;

    @Option(names = "--migration", paramLabel = "ID", description = "Migration the run belongs to (with --audit-db).")
    String migration;

    @Option(
            names = "--resume",
            paramLabel = "RUN_ID",
            description = "Continue an interrupted run (with --audit-db and the same options).")
    String resume;

    @Option(
            names = "--recheck-rounds",
            paramLabel = "N",
            description =
                    "Look differing rows up again N times after --recheck-delay; rows that converge are dropped, rows still changing are reported in flight (default ${DEFAULT-VALUE}).")
    int recheckRounds = 0;

    @Option(
            names = "--recheck-delay",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Wait between recheck rounds, e.g. 500ms or 5s (default 5s).")
    Duration recheckDelay = Duration.ofSeconds(5);

    @Option(
            names = "--hash-only",
            description = "Never read column values: differences carry keys and column names only.")
    boolean hashOnly;

    @Option(
            names = "--max-differences",
            paramLabel = "N",
            description = "Differences listed per table (all are counted; default ${DEFAULT-VALUE}).")
    int maxDifferences = 1_000;

    @Option(
            names = "--segment-rows",
            paramLabel = "N",
            description = "Rows per key-range segment (default ${DEFAULT-VALUE}).")
    long segmentRows = 100_000;

    @Option(
            names = "--statement-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Longest a single query may run (default 10m).")
    Duration statementTimeout = Duration.ofMinutes(10);

    @Option(
            names = "--progress",
            converter = ProgressReporter.ModeConverter.class,
            paramLabel = "MODE",
            description = "auto (a bar on a terminal, log lines otherwise; the default), bar, log or none.")
    ProgressReporter.Mode progress = ProgressReporter.Mode.AUTO;

    @Override
    public Integer call() {
        CompareOptions options = options();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ProgressReporter reporter = ProgressReporter.create(progress, err)) {
            BatchCompare compare = new BatchCompare(options, reporter);
            CountDownLatch done = new CountDownLatch(1);
            Thread onSignal = new Thread(
                    () -> {
                        compare.cancel();
                        try {
                            done.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "driftguard-compare-interrupt");
            Runtime.getRuntime().addShutdownHook(onSignal);
            CompareResult result;
            try {
                result = compare.run();
            } catch (CompareInterruptedException e) {
                reporter.close();
                err.println("driftguard: " + e.getMessage());
                return ExitCodes.USAGE_OR_CONFIG;
            } finally {
                done.countDown();
                ShutdownHooks.remove(onSignal);
            }
            reporter.close();
            if (json != null) {
                JsonReport.write(result, json);
            }
            if (html != null) {
                HtmlReport.write(result, html);
            }
            printSummary(out, result);
            return result.allIdentical() ? ExitCodes.OK : ExitCodes.DIFFERENCES;
        }
    }

    CompareOptions options() {
        CompareOptions.Builder b = CompareOptions.builder()
                .source(ConnectionSpec.parse(source))
                .target(ConnectionSpec.parse(target))
                .threads(threads)
                .recheckRounds(recheckRounds)
                .recheckDelay(recheckDelay)
                .hashOnly(hashOnly)
                .maxDifferencesPerTable(maxDifferences)
                .segmentRows(segmentRows)
                .statementTimeout(statementTimeout)
                .migrationId(migration)
                .resumeRunId(resume);
        if (auditDb != null) {
            b.auditDb(ConnectionSpec.parse(auditDb));
        }
        schemas.forEach(b::schema);
        tables.forEach(b::tables);
        excludeColumns.forEach(b::excludeColumns);
        keys.forEach(b::key);
        where.forEach(b::where);
        return b.build();
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
        if (json != null) {
            out.println("JSON report: " + json.toAbsolutePath());
        }
        if (html != null) {
            out.println("HTML report: " + html.toAbsolutePath());
        }
        out.flush();
    }
}
