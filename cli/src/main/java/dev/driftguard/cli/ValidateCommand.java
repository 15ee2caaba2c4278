package dev.driftguard.cli;

import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.stack.ShutdownHooks;
import dev.driftguard.validator.LocalValidator;
import dev.driftguard.validator.ValidatorLaunch;
import dev.driftguard.validator.ValidatorOptions;
import dev.driftguard.validator.ValidatorStateDirectory;
import dev.driftguard.validator.ValidatorWatch;
import dev.driftguard.validator.health.HealthState;
import dev.driftguard.validator.health.ValidatorHealth;
import dev.driftguard.validator.kafka.ValidatorFeed;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Run the streaming validator of a migration in a local Flink MiniCluster: it reads both sides' change"
                    + " topics (written by capture), reports drift and resolution to driftguard.<migration>.drifts"
                    + " (and the audit store with --audit-db) and prints a status line every status interval.",
            "Checkpoints go to --checkpoint-dir, by default <state dir>/validator/<migration>/checkpoints (state dir:"
                    + " $" + ValidatorStateDirectory.ENV + ", else ~/.driftguard); the next run resumes from the"
                    + " newest one. Findings are committed only at checkpoints: a failing checkpoint shows as DEGRADED"
                    + " on the status line and in the audit store's validator_health, and after"
                    + " --max-failed-checkpoints failures in a row the validator stops.",
            "Runs until Ctrl-C or --for. Exit code 0 when stopped, 2 when the validator failed or on a usage error."
        })
final class ValidateCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(500);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--migration", required = true, paramLabel = "ID", description = "The migration id.")
    String migration;

    @Option(names = "--kafka", required = true, paramLabel = "BOOTSTRAP", description = "Kafka bootstrap servers.")
    String kafka;

    @Option(
            names = "--audit-db",
            paramLabel = "URI",
            description = "Also write findings, status and health to this audit store.")
    String auditDb;

    @Option(
            names = "--tolerance",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = ValidatorOptions.DEFAULT_TOLERANCE_TEXT,
            description = "How long the sides may disagree before a drift is reported (default: ${DEFAULT-VALUE}).")
    Duration tolerance;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            description = "Keep checkpoints here and resume from the newest one (default: <state dir>/validator/"
                    + "<migration>/checkpoints).")
    Path checkpointDir;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = ValidatorOptions.DEFAULT_CHECKPOINT_INTERVAL_TEXT,
            description = "Checkpoint interval; findings are committed (visible to read_committed readers and in the"
                    + " audit store) at checkpoints (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(
            names = "--max-failed-checkpoints",
            paramLabel = "N",
            defaultValue = ValidatorOptions.DEFAULT_MAX_FAILED_CHECKPOINTS_TEXT,
            description = "Stop as failed (exit 2) after this many checkpoints failed in a row (default:"
                    + " ${DEFAULT-VALUE}).")
    int maxFailedCheckpoints;

    @Option(
            names = "--status-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = ValidatorOptions.DEFAULT_STATUS_INTERVAL_TEXT,
            description = "How often a validation status is emitted and printed (default: ${DEFAULT-VALUE}).")
    Duration statusInterval;

    @Option(
            names = "--lag-window",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = ValidatorOptions.DEFAULT_LAG_WINDOW_TEXT,
            description = "The recent period the status's lag percentiles cover (default: ${DEFAULT-VALUE}).")
    Duration lagWindow;

    @Option(
            names = "--idle-key-retention",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = ValidatorOptions.DEFAULT_IDLE_KEY_RETENTION_TEXT,
            description = "How long an idle key without open drift is remembered (default: ${DEFAULT-VALUE}).")
    Duration idleKeyRetention;

    @Option(
            names = "--state-backend",
            paramLabel = "hashmap|rocksdb",
            defaultValue = "hashmap",
            description = "Flink state backend; rocksdb for more keys than fit in memory (default: ${DEFAULT-VALUE}).")
    String stateBackend;

    @Option(names = "--parallelism", paramLabel = "N", description = "Detector parallelism (default: CPU cores).")
    int parallelism;

    @Option(names = "--hash-only", description = "Privacy mode: keep and report hashes only, never column values.")
    boolean hashOnly;

    @Option(
            names = "--for",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Stop by itself after this long. Default: run until Ctrl-C.")
    Duration runFor;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ValidatorLaunch launch = launch();
        for (String topic : launch.prepareTopics()) {
            out.println("topic " + topic + " does not exist yet; the validator reads it once capture has created it");
        }
        Path checkpoints = launch.checkpointDirectory().orElseThrow().path();
        out.println(launch.resumeFrom()
                .map(checkpoint -> "resuming from checkpoint " + checkpoint)
                .orElse("checkpoints go to " + checkpoints + " (no earlier checkpoint there: starting afresh)"));
        try (LocalValidator validator = LocalValidator.start(launch);
                ValidatorWatch watch = new ValidatorWatch(validator);
                ValidatorFeed statuses = ValidatorFeed.live(launch.kafkaBootstrap(), launch.topics())) {
            out.println("validator of migration " + migration + " running (job " + validator.jobId()
                    + "); drifts go to " + launch.topics().drifts() + (auditDb == null ? "" : " and the audit store"));
            out.flush();
            Thread onCtrlC =
                    new Thread(() -> stop(validator, watch, "stopped by a signal"), "driftguard-validate-stop");
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            try {
                return watch(validator, watch, statuses, out);
            } finally {
                ShutdownHooks.remove(onCtrlC);
            }
        }
    }

    private ValidatorLaunch launch() {
        return new ValidatorLaunch(
                ValidatorOptions.builder(migration)
                        .tolerance(tolerance)
                        .checkpointInterval(checkpointInterval)
                        .maxFailedCheckpoints(maxFailedCheckpoints)
                        .statusInterval(statusInterval)
                        .lagWindow(lagWindow)
                        .idleKeyRetention(idleKeyRetention)
                        .parallelism(parallelism)
                        .privacyMode(hashOnly)
                        .build(),
                kafka,
                auditDb,
                checkpointDir != null ? checkpointDir : ValidatorStateDirectory.checkpointsOf(migration),
                ValidatorLaunch.StateBackend.parse(stateBackend));
    }

    /**
     * Prints a status line every status interval and at every change of health, until the validator ends, fails or
     * --for is over.
     */
    private int watch(LocalValidator validator, ValidatorWatch watch, ValidatorFeed statuses, PrintWriter out)
            throws Exception {
        long deadline = runFor == null ? Long.MAX_VALUE : System.nanoTime() + runFor.toNanos();
        long nextLine = System.nanoTime();
        HealthState shown = null;
        boolean terminal = System.console() != null;
        while (true) {
            statuses.poll(POLL);
            Optional<ValidationStatus> status = statuses.latestStatus();
            ValidatorHealth health = watch.check();
            if (health.state() == HealthState.FAILED) {
                validator.cancel();
                throw new IllegalStateException(watch.failureMessage(health));
            }
            if (validator.isDone()) {
                out.println();
                out.println("validator job ended: " + health.state().storedName());
                return ExitCodes.OK;
            }
            if (System.nanoTime() >= deadline) {
                stop(validator, watch, "stopped after --for " + runFor);
                out.println();
                out.println("stopped after " + runFor + "; checkpoints kept in "
                        + validator.launch().checkpointDirectory().orElseThrow().path() + " for the next run");
                return ExitCodes.OK;
            }
            // A change of health is shown at once; otherwise a line every status interval, also when nothing changed.
            if (System.nanoTime() >= nextLine || health.state() != shown) {
                String line = status.map(s -> StatusLine.of(s, Instant.now()))
                                .orElse("no status yet (the validator has read no change)")
                        + health.suffix();
                out.print(terminal ? "\r" + line + "\u001b[K" : line + System.lineSeparator());
                out.flush();
                nextLine = System.nanoTime() + statusInterval.toNanos();
                shown = health.state();
            }
        }
    }

    private static void stop(LocalValidator validator, ValidatorWatch watch, String why) {
        try {
            validator.cancel();
            watch.stopped(why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the validator failed: " + e.getMessage(), e);
        }
    }
}
