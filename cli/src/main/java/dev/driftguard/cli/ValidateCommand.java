package dev.driftguard.cli;

import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.settings.CommonSettings;
import dev.driftguard.settings.Settings;
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
import picocli.CommandLine.Command;

@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
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
final class ValidateCommand extends SettingsCommand {

    private static final Duration POLL = Duration.ofMillis(500);

    private Settings settings;

    ValidateCommand() {
        super(ValidatorLaunch.SETTINGS, CommonSettings.RUN_FOR);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        settings = given();
        String migration = settings.get(ValidatorOptions.MIGRATION);
        ValidatorLaunch launch = ValidatorLaunch.of(settings, ValidatorStateDirectory.checkpointsOf(migration));
        out.println("checking Kafka at " + launch.kafkaBootstrap());
        out.flush();
        for (String topic : launch.prepareTopics()) {
            out.println("topic " + topic + " does not exist yet; the validator reads it once capture has created it");
        }
        Path checkpoints = launch.checkpointDirectory().orElseThrow().path();
        out.println(launch.resumeFrom()
                .map(checkpoint -> "resuming from checkpoint " + checkpoint)
                .orElse("checkpoints go to " + checkpoints + " (no earlier checkpoint there: starting afresh)"));
        try (LocalValidator validator = LocalValidator.start(launch);
                ValidatorWatch watch = new ValidatorWatch(validator);
                ValidatorFeed statuses =
                        ValidatorFeed.live(launch.kafkaBootstrap(), launch.kafkaProperties(), launch.topics())) {
            out.println("validator of migration " + migration + " running (job " + validator.jobId()
                    + "); drifts go to " + launch.topics().drifts()
                    + (launch.auditDbUri().isEmpty() ? "" : " and the audit store"));
            out.flush();
            try (ShutdownHooks.OnSignal onCtrlC = ShutdownHooks.onSignal(
                    "driftguard-validate-stop", () -> stop(validator, watch, "stopped by a signal"))) {
                return watch(validator, watch, statuses, out);
            }
        }
    }

    /**
     * Prints a status line every status interval and at every change of health, until the validator ends, fails or
     * --for is over.
     */
    private int watch(LocalValidator validator, ValidatorWatch watch, ValidatorFeed statuses, PrintWriter out)
            throws Exception {
        Duration runFor = settings.get(CommonSettings.RUN_FOR);
        Duration statusInterval = validator.launch().options().statusInterval();
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
                String after = CommonSettings.RUN_FOR.format(runFor);
                stop(validator, watch, "stopped after --for " + after);
                out.println();
                out.println("stopped after " + after + "; checkpoints kept in "
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
