package dev.driftguard.demo;

import dev.driftguard.audit.AuditStore;
import dev.driftguard.avro.Side;
import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.capture.TableSelection;
import dev.driftguard.capture.engine.EmbeddedCapture;
import dev.driftguard.capture.engine.EmbeddedCaptureConfig;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.LocalStack;
import dev.driftguard.validator.ValidatorOptions;
import dev.driftguard.validator.kafka.ValidatorFeed;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * What the demo runs on, steps 1 to 3: the embedded stack with an audit store, the demo's tables, capture of both
 * sides and the validator with a feed of what it publishes. Every part it starts is registered and stopped by {@link
 * #close()}, in reverse order.
 */
final class DemoPipeline implements AutoCloseable {

    static final String MIGRATION = DemoRun.MIGRATION;
    static final String AUDIT_DATABASE = "driftguard_audit";
    static final Duration STATUS_INTERVAL = Duration.ofSeconds(1);
    static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CAPTURE_START_TIMEOUT = Duration.ofSeconds(120);

    private final DemoOptions options;
    private final DemoProgress console;
    private final StopSignal stop;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private LocalStack stack;
    private AuditStore audit;
    private final List<EmbeddedCapture> captures = new ArrayList<>();
    private RunningValidator validator;
    private ValidatorFeed feed;
    private boolean closed;

    DemoPipeline(DemoOptions options, DemoProgress console, StopSignal stop) {
        this.options = options;
        this.console = console;
        this.stop = stop;
    }

    /** Steps 1 to 3. */
    void start() throws Exception {
        startStack();
        createTables();
        startValidation();
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

    LocalStack stack() {
        return stack;
    }

    AuditStore audit() {
        return audit;
    }

    ValidatorFeed feed() {
        return feed;
    }

    RunningValidator validator() {
        return validator;
    }

    ConnectionSpec sourceSpec() {
        return stack.postgres().source().connectionSpec(LocalStack.DATABASE);
    }

    ConnectionSpec targetSpec() {
        return stack.postgres().target().connectionSpec(LocalStack.DATABASE);
    }

    String auditUri() {
        return stack.postgres().target().uri(AUDIT_DATABASE);
    }

    /** Throws if capture of a side or the validator stopped or cannot commit its findings. */
    void checkHealthy() throws InterruptedException {
        for (EmbeddedCapture capture : captures) {
            if (!capture.isRunning()) {
                capture.awaitTermination();
                throw new IllegalStateException(
                        "capture via slot " + capture.prepared().slot() + " stopped");
            }
        }
        validator.checkHealthy();
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

    <T extends AutoCloseable> T register(T resource) {
        started.push(resource);
        return resource;
    }

    /**
     * Stops everything the demo started, newest first; the first failure is thrown with the others suppressed. After
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

    private static String since(long startNanos) {
        return Durations.text(Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
