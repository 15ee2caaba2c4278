package dev.driftguard.demo;

import dev.driftguard.audit.Finding;
import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.compare.BatchCompare;
import dev.driftguard.compare.CompareListener;
import dev.driftguard.compare.CompareOptions;
import dev.driftguard.compare.CompareResult;
import dev.driftguard.compare.TableResult;
import dev.driftguard.compare.report.HtmlReport;
import dev.driftguard.compare.report.JsonReport;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.stack.LocalStack;
import dev.driftguard.validator.kafka.ValidatorFeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One run of the demo: starts its {@link DemoPipeline} (the embedded stack, the schema, capture on both sides and the
 * validator); runs the workload with the drift scenario; compares in batch; then either stops everything or keeps it
 * for exploring.
 */
public final class DemoRun implements AutoCloseable {

    public static final String MIGRATION = "demo";

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration STATUS_EVERY = Duration.ofSeconds(5);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
    /** Consecutive statuses with unchanged event counts after which the validator has seen everything. */
    private static final int QUIET_STATUSES = 3;

    private static final Duration AUDIT_TIMEOUT = Duration.ofSeconds(15);
    private static final DateTimeFormatter REPORT_DIR_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault());

    private final DemoOptions options;
    private final DemoProgress console;
    private final StopSignal stop;
    private final DemoPipeline pipeline;
    private ValidatorFeed feed;
    private Workload workload;
    private DriftScenario scenario;

    public DemoRun(DemoOptions options, DemoProgress console, StopSignal stop) {
        this.options = Objects.requireNonNull(options, "options");
        this.console = Objects.requireNonNull(console, "console");
        this.stop = Objects.requireNonNull(stop, "stop");
        this.pipeline = new DemoPipeline(options, console, stop);
    }

    /** Steps 1 to 6; the outcome tells whether the demo's expectations held. */
    public DemoOutcome run() throws Exception {
        pipeline.start();
        feed = pipeline.feed();
        runWorkloadWithDrift();
        ValidationStatus finalStatus = settle();
        Path reports = options.reportsRoot().resolve("demo-" + REPORT_DIR_TIME.format(Instant.now()));
        CompareResult compare = batchCompare(reports);
        return new DemoOutcome(
                workload.rowChanges(),
                workload.ranFor(),
                finalStatus,
                scenario.drifts(),
                scenario.unexpected(),
                auditFindings(),
                compare,
                reports.resolve("compare.json"),
                reports.resolve("compare.html"));
    }

    /** The lines that tell how to reach what keeps running. */
    public List<String> connectionLines() {
        return pipeline.connectionLines();
    }

    public String auditUri() {
        return pipeline.auditUri();
    }

    /**
     * Stops everything this run started, newest first. After Ctrl-C it does nothing (see {@link DemoPipeline#close()}).
     */
    @Override
    public void close() throws Exception {
        pipeline.close();
    }

    /** After {@link #run()}: prints drift events as they are published until Ctrl-C. */
    public void watchDrift() throws InterruptedException {
        while (!stop.isRequested()) {
            for (DriftEvent event : feed.poll(POLL)) {
                console.event(event.getKind() + " " + DriftScenario.where(event) + ": " + DriftScenario.details(event));
            }
            pipeline.validator().checkHealthy();
        }
    }

    /** Steps 4 and 5: the workload runs while drift is injected, found, repaired and resolved. */
    private void runWorkloadWithDrift() throws InterruptedException {
        console.step(
                4,
                "Running a write workload on the source: " + options.writesPerSecond() + " row changes/s for "
                        + Durations.text(options.workloadFor()) + " (validator status every "
                        + Durations.text(STATUS_EVERY)
                        + ")");
        ConnectionSpec source = pipeline.sourceSpec();
        scenario = new DriftScenario(source, pipeline.targetSpec());
        workload = pipeline.register(new Workload(source, options.writesPerSecond()));
        long start = System.nanoTime();
        workload.start();
        StatusPrinter statuses = new StatusPrinter();
        pollUntil(statuses, () -> elapsed(start).compareTo(options.injectAfter()) >= 0);

        injectAndAwaitFound(statuses);
        repairAndAwaitResolved(statuses);
        if (elapsed(start).compareTo(options.workloadFor()) < 0) {
            console.blank();
            console.detail("workload continues until " + Durations.text(options.workloadFor()));
        }
        pollUntil(statuses, () -> elapsed(start).compareTo(options.workloadFor()) >= 0);
        workload.close();
        workload.checkHealthy();
    }

    /** Step 5: drift injected on the target, then reported by the validator (or the deadline passes). */
    private void injectAndAwaitFound(StatusPrinter statuses) throws InterruptedException {
        console.step(5, "Injecting drift directly on the target (keys the workload never touches)");
        for (InjectedDrift drift : scenario.inject()) {
            console.event("injected " + drift.change() + " on " + drift.where() + "  -> expect " + drift.expected());
        }
        long injected = System.nanoTime();
        pollUntil(statuses, () -> scenario.allFound() || elapsed(injected).compareTo(options.detectionDeadline()) > 0);
        if (!scenario.allFound()) {
            console.event("not every drift was reported within " + Durations.text(options.detectionDeadline()));
        }
        long found = System.nanoTime();
        pollUntil(
                statuses,
                () -> openDrifts() >= DemoOutcome.EXPECTED_DRIFTS
                        || elapsed(found)
                                        .compareTo(options.checkpointInterval()
                                                .plus(DemoPipeline.STATUS_INTERVAL)
                                                .multipliedBy(2))
                                > 0);
        statuses.printNow();
    }

    /** The injected drift repaired from the source, then reported resolved (or the deadline passes). */
    private void repairAndAwaitResolved(StatusPrinter statuses) throws InterruptedException {
        for (InjectedDrift drift : scenario.repair()) {
            console.event("repaired " + drift.where() + " (row copied from the source)");
        }
        long repaired = System.nanoTime();
        pollUntil(
                statuses,
                () -> scenario.allResolved() || elapsed(repaired).compareTo(options.resolutionDeadline()) > 0);
        if (!scenario.allResolved()) {
            console.event(
                    "not every drift was reported resolved within " + Durations.text(options.resolutionDeadline()));
        }
    }

    /** Step 6, first half: the target and the validator catch up after the workload stopped. */
    private ValidationStatus settle() throws InterruptedException {
        console.step(6, "Stopping the workload; waiting for replication and the validator to catch up; batch compare");
        long t0 = System.nanoTime();
        pipeline.stack().postgres().awaitCaughtUp(LocalStack.DATABASE, DemoPipeline.CATCH_UP_TIMEOUT);
        Instant caughtUp = Instant.now();
        console.detail("target caught up with the source in " + since(t0));
        QuietStatuses quiet = new QuietStatuses(caughtUp, QUIET_STATUSES);
        long settling = System.nanoTime();
        pollUntil(
                null,
                () -> quiet.isQuiet(feed.latestStatus().orElse(null))
                        || elapsed(settling).compareTo(SETTLE_TIMEOUT) > 0);
        ValidationStatus last = feed.latestStatus().orElse(null);
        if (last != null) {
            console.status(last, workload.rowChanges());
        }
        return last;
    }

    /** Step 6, second half. */
    private CompareResult batchCompare(Path reports) throws IOException {
        long t0 = System.nanoTime();
        CompareOptions compareOptions = CompareOptions.builder()
                .source(pipeline.sourceSpec())
                .target(pipeline.targetSpec())
                .schema("public")
                .threads(2)
                .recheckRounds(1)
                .recheckDelay(Duration.ofSeconds(2))
                .auditDb(pipeline.audit().connectionSpec())
                .migrationId(MIGRATION)
                .build();
        CompareResult result = new BatchCompare(compareOptions, CompareListener.NONE).run();
        Files.createDirectories(reports);
        JsonReport.write(result, reports.resolve("compare.json"));
        HtmlReport.write(result, reports.resolve("compare.html"));
        for (TableResult table : result.tables()) {
            console.detail(
                    "batch compare " + table.table() + ": " + table.status().reportName() + " (source "
                            + table.sourceRows() + " rows, target " + table.targetRows() + " rows, "
                            + table.counts().total() + " differences)");
        }
        console.detail("compared in " + since(t0) + "; reports in " + reports);
        return result;
    }

    private DemoOutcome.AuditFindings auditFindings() throws InterruptedException {
        long t0 = System.nanoTime();
        while (true) {
            List<Finding> stream = pipeline.audit().findings(MIGRATION, false).stream()
                    .filter(f -> f.origin() == Finding.Origin.STREAM)
                    .toList();
            int resolved =
                    (int) stream.stream().filter(f -> f.resolvedAt() != null).count();
            boolean complete = stream.size() >= DemoOutcome.EXPECTED_DRIFTS && resolved == stream.size();
            if (complete || elapsed(t0).compareTo(AUDIT_TIMEOUT) > 0) {
                return new DemoOutcome.AuditFindings(stream.size(), resolved);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Polls the validator's outputs, printing drift events and (with a printer) statuses, until {@code done}. */
    private void pollUntil(StatusPrinter statuses, BooleanSupplier done) throws InterruptedException {
        while (true) {
            for (DriftEvent event : feed.poll(POLL)) {
                print(scenario.onEvent(event, Instant.now()));
            }
            if (statuses != null) {
                statuses.maybePrint();
            }
            if (workload != null) {
                workload.checkHealthy();
            }
            pipeline.checkHealthy();
            stop.check();
            if (done.getAsBoolean()) {
                return;
            }
        }
    }

    private void print(DriftScenario.Outcome outcome) {
        if (outcome instanceof DriftScenario.Outcome.Found found) {
            InjectedDrift drift = found.drift();
            console.event("found    " + drift.found().kind() + " " + drift.where() + ": "
                    + drift.found().details() + "  (" + Durations.text(drift.timeToFind()) + " after injection)");
        } else if (outcome instanceof DriftScenario.Outcome.Resolved resolved) {
            InjectedDrift drift = resolved.drift();
            console.event("RESOLVED " + drift.where()
                    + (drift.repairedAt() == null
                            ? ""
                            : "  (" + Durations.text(drift.timeToResolve()) + " after repair)"));
        } else if (outcome instanceof DriftScenario.Outcome.Unexpected unexpected) {
            DriftEvent event = unexpected.event();
            console.event("unexpected " + event.getKind() + " " + DriftScenario.where(event) + ": "
                    + DriftScenario.details(event));
        }
    }

    private long openDrifts() {
        ValidationStatus status = feed.latestStatus().orElse(null);
        return status == null ? 0 : status.getOpenDrifts();
    }

    private static Duration elapsed(long sinceNanos) {
        return Duration.ofNanos(System.nanoTime() - sinceNanos);
    }

    private static String since(long startNanos) {
        return Durations.text(elapsed(startNanos));
    }

    /** Prints the newest status every few seconds, if there is a new one. */
    private final class StatusPrinter {
        private Instant lastPrinted;
        private long nextNanos = System.nanoTime();

        void maybePrint() {
            if (System.nanoTime() >= nextNanos) {
                printNow();
            }
        }

        void printNow() {
            ValidationStatus status = feed.latestStatus().orElse(null);
            if (status != null && !status.getEmittedAtMicros().equals(lastPrinted)) {
                console.status(status, workload.rowChanges());
                lastPrinted = status.getEmittedAtMicros();
                nextNanos = System.nanoTime() + STATUS_EVERY.toNanos();
            }
        }
    }
}
