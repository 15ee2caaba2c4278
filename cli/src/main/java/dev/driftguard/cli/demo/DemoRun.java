package dev.driftguard.cli.demo;

import dev.driftguard.audit.AuditStore;
import dev.driftguard.audit.Finding;
import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.Side;
import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.capture.TableSelection;
import dev.driftguard.capture.engine.EmbeddedCapture;
import dev.driftguard.capture.engine.EmbeddedCaptureConfig;
import dev.driftguard.compare.BatchCompare;
import dev.driftguard.compare.CompareListener;
import dev.driftguard.compare.CompareOptions;
import dev.driftguard.compare.CompareResult;
import dev.driftguard.compare.TableResult;
import dev.driftguard.compare.report.HtmlReport;
import dev.driftguard.compare.report.JsonReport;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.LocalStack;
import dev.driftguard.validator.ValidatorOptions;
import dev.driftguard.validator.kafka.ValidatorFeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One run of the demo: starts the embedded stack, the schema, capture on both sides and the validator; runs the
 * workload with the drift scenario; compares in batch; then either stops everything or keeps it for exploring. Every
 * part it starts is registered and stopped by {@link #close()}, in reverse order.
 */
final class DemoRun implements AutoCloseable {

    static final String MIGRATION = "demo";
    static final String AUDIT_DATABASE = "driftguard_audit";

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration STATUS_EVERY = Duration.ofSeconds(5);
    private static final Duration STATUS_INTERVAL = Duration.ofSeconds(1);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CAPTURE_START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
    /** Consecutive statuses with unchanged event counts after which the validator has seen everything. */
    private static final int QUIET_STATUSES = 3;

    private static final Duration AUDIT_TIMEOUT = Duration.ofSeconds(15);
    private static final DateTimeFormatter REPORT_DIR_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault());

    private final DemoOptions options;
    private final DemoConsole console;
    private final StopSignal stop;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private LocalStack stack;
    private AuditStore audit;
    private final List<EmbeddedCapture> captures = new ArrayList<>();
    private RunningValidator validator;
    private ValidatorFeed feed;
    private Workload workload;
    private DriftScenario scenario;
    private boolean closed;

    DemoRun(DemoOptions options, DemoConsole console, StopSignal stop) {
        this.options = Objects.requireNonNull(options, "options");
        this.console = Objects.requireNonNull(console, "console");
        this.stop = Objects.requireNonNull(stop, "stop");
    }

    /** Steps 1 to 6; the outcome tells whether the demo's expectations held. */
    DemoOutcome run() throws Exception {
        startStack();
        createTables();
        startValidation();
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
    List<String> connectionLines() {
        return List.of(
                "source    " + stack.sourceUri(),
                "target    " + stack.targetUri() + "   (replica of the source: writes here are drift)",
                "audit     " + auditUri(),
                "kafka     " + stack.kafkaBootstrap() + "   (topics "
                        + validator.topics().changes(Side.SOURCE) + ", "
                        + validator.topics().changes(Side.TARGET) + ", "
                        + validator.topics().drifts() + ", "
                        + validator.topics().status() + ")");
    }

    /** After {@link #run()}: prints drift events as they are published until Ctrl-C. */
    void watchDrift() throws InterruptedException {
        while (!stop.isRequested()) {
            for (DriftEvent event : feed.poll(POLL)) {
                console.event(event.getKind() + " " + DriftScenario.where(event) + ": " + DriftScenario.details(event));
            }
            validator.checkHealthy();
        }
    }

    private void startStack() {
        console.step(1, "Starting PostgreSQL source and target (native logical replication) and Kafka");
        long t0 = System.nanoTime();
        stack = register(LocalStack.start());
        LocalPostgres target = stack.postgres().target();
        target.createDatabase(AUDIT_DATABASE);
        audit = register(AuditStore.open(target.connectionSpec(AUDIT_DATABASE)));
        audit.recordMigration(MIGRATION, "driftguard demo: embedded source/target pair with injected drift");
        console.detail("source  " + stack.sourceUri());
        console.detail("target  " + stack.targetUri() + "  (subscribed to the source)");
        console.detail("kafka   " + stack.kafkaBootstrap());
        console.detail("audit   " + auditUri() + "  (audit store schema " + audit.schemaVersion() + ")");
        console.detail("ready in " + since(t0));
    }

    private void createTables() {
        console.step(2, "Creating tables accounts and orders on both sides, seeding the source");
        long t0 = System.nanoTime();
        stack.postgres().executeOnBoth(LocalStack.DATABASE, DemoSchema.DDL.toArray(String[]::new));
        stack.postgres().source().execute(LocalStack.DATABASE, DemoSchema.SEED.toArray(String[]::new));
        stack.postgres().refresh(LocalStack.DATABASE);
        stack.postgres().awaitCaughtUp(LocalStack.DATABASE, CATCH_UP_TIMEOUT);
        console.detail(DemoSchema.ACCOUNT_COUNT + " accounts and " + DemoSchema.ORDER_COUNT
                + " orders replicated to the target in " + since(t0));
    }

    private void startValidation() throws Exception {
        console.step(3, "Starting capture on both sides (embedded Debezium) and the validator (Flink MiniCluster)");
        long t0 = System.nanoTime();
        for (Side side : Side.values()) {
            captures.add(register(EmbeddedCapture.start(captureConfig(side))));
        }
        for (EmbeddedCapture capture : captures) {
            try {
                capture.awaitStreaming(CAPTURE_START_TIMEOUT);
            } catch (TimeoutException e) {
                throw new IllegalStateException(
                        "capture slot " + capture.prepared().slot() + " did not start" + " streaming within "
                                + Durations.text(CAPTURE_START_TIMEOUT),
                        e);
            }
            console.detail("capturing " + capture.prepared().capturedTables() + " via slot "
                    + capture.prepared().slot());
        }
        validator = register(RunningValidator.start(
                ValidatorOptions.builder(MIGRATION)
                        .tolerance(options.tolerance())
                        .checkpointInterval(options.checkpointInterval())
                        .statusInterval(STATUS_INTERVAL)
                        .build(),
                stack.kafkaBootstrap(),
                auditUri()));
        feed = register(ValidatorFeed.committed(stack.kafkaBootstrap(), validator.topics()));
        console.detail("validator of migration '" + MIGRATION + "': tolerance " + Durations.text(options.tolerance())
                + ", checkpoints every " + Durations.text(options.checkpointInterval()) + "; drifts go to "
                + validator.topics().drifts() + " and the audit store");
        console.detail("running in " + since(t0));
    }

    private EmbeddedCaptureConfig captureConfig(Side side) {
        LocalPostgres server = side == Side.SOURCE
                ? stack.postgres().source()
                : stack.postgres().target();
        CaptureSettings settings = CaptureSettings.builder(MIGRATION, side, server.connectionSpec(LocalStack.DATABASE))
                .tables(TableSelection.tables(
                        DemoSchema.TABLES.stream().map(DemoSchema.DemoTable::id).toList()))
                .build();
        return EmbeddedCaptureConfig.of(settings, stack.kafkaBootstrap());
    }

    /** Steps 4 and 5: the workload runs while drift is injected, found, repaired and resolved. */
    private void runWorkloadWithDrift() throws InterruptedException {
        console.step(
                4,
                "Running a write workload on the source: " + options.writesPerSecond() + " row changes/s for "
                        + Durations.text(options.workloadFor()) + " (validator status every "
                        + Durations.text(STATUS_EVERY)
                        + ")");
        ConnectionSpec source = sourceSpec();
        ConnectionSpec target = stack.postgres().target().connectionSpec(LocalStack.DATABASE);
        scenario = new DriftScenario(source, target);
        workload = register(new Workload(source, options.writesPerSecond()));
        long start = System.nanoTime();
        workload.start();
        StatusPrinter statuses = new StatusPrinter();
        pollUntil(statuses, () -> elapsed(start).compareTo(options.injectAfter()) >= 0);

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
                                                .plus(STATUS_INTERVAL)
                                                .multipliedBy(2))
                                > 0);
        statuses.printNow();

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
        if (elapsed(start).compareTo(options.workloadFor()) < 0) {
            console.blank();
            console.detail("workload continues until " + Durations.text(options.workloadFor()));
        }
        pollUntil(statuses, () -> elapsed(start).compareTo(options.workloadFor()) >= 0);
        workload.close();
        workload.checkHealthy();
    }

    /** Step 6, first half: the target and the validator catch up after the workload stopped. */
    private ValidationStatus settle() throws InterruptedException {
        console.step(6, "Stopping the workload; waiting for replication and the validator to catch up; batch compare");
        long t0 = System.nanoTime();
        stack.postgres().awaitCaughtUp(LocalStack.DATABASE, CATCH_UP_TIMEOUT);
        Instant caughtUp = Instant.now();
        console.detail("target caught up with the source in " + since(t0));
        QuietCounter quiet = new QuietCounter(caughtUp);
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
                .source(sourceSpec())
                .target(stack.postgres().target().connectionSpec(LocalStack.DATABASE))
                .schema("public")
                .threads(2)
                .recheckRounds(1)
                .recheckDelay(Duration.ofSeconds(2))
                .auditDb(audit.connectionSpec())
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
            List<Finding> stream = audit.findings(MIGRATION, false).stream()
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
            checkHealthy();
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

    private void checkHealthy() throws InterruptedException {
        if (workload != null) {
            workload.checkHealthy();
        }
        for (EmbeddedCapture capture : captures) {
            if (!capture.isRunning()) {
                capture.awaitTermination();
                throw new IllegalStateException(
                        "capture via slot " + capture.prepared().slot() + " stopped");
            }
        }
        validator.checkHealthy();
    }

    private long openDrifts() {
        ValidationStatus status = feed.latestStatus().orElse(null);
        return status == null ? 0 : status.getOpenDrifts();
    }

    private ConnectionSpec sourceSpec() {
        return stack.postgres().source().connectionSpec(LocalStack.DATABASE);
    }

    String auditUri() {
        return stack.postgres().target().uri(AUDIT_DATABASE);
    }

    private <T extends AutoCloseable> T register(T resource) {
        started.push(resource);
        return resource;
    }

    /**
     * Stops everything this run started, newest first; the first failure is thrown with the others suppressed. After
     * Ctrl-C it does nothing: the JVM is exiting, the local stack's own shutdown hooks stop the servers, and stopping
     * capture and the validator against servers going away would only hang on their timeouts.
     */
    @Override
    public synchronized void close() throws Exception {
        if (closed || stop.isRequested()) {
            return;
        }
        closed = true;
        Exception failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
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

    /** Whether the validator's event counts stayed the same over several statuses emitted after a point in time. */
    private static final class QuietCounter {
        private final Instant after;
        private Instant lastEmitted;
        private long lastSource = -1;
        private long lastTarget = -1;
        private int unchanged;

        QuietCounter(Instant after) {
            this.after = after;
        }

        boolean isQuiet(ValidationStatus status) {
            if (status == null
                    || status.getEmittedAtMicros().isBefore(after)
                    || status.getEmittedAtMicros().equals(lastEmitted)) {
                return unchanged >= QUIET_STATUSES;
            }
            lastEmitted = status.getEmittedAtMicros();
            if (status.getEventsSource() == lastSource && status.getEventsTarget() == lastTarget) {
                unchanged++;
            } else {
                unchanged = 1;
                lastSource = status.getEventsSource();
                lastTarget = status.getEventsTarget();
            }
            return unchanged >= QUIET_STATUSES;
        }
    }
}
