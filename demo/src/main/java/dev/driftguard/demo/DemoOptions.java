package dev.driftguard.demo;

import dev.driftguard.settings.Setting;
import dev.driftguard.settings.Settings;
import dev.driftguard.validator.ValidatorOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the demo runs, validated once. Errors name the option, the value and what to use instead.
 *
 * @param workloadFor how long the write workload runs on the source (at least; it also outlasts the drift scenario)
 * @param tolerance how long source and target may disagree before the validator reports drift
 * @param checkpointInterval the validator's checkpoint interval: its outputs become visible at checkpoints
 * @param writesPerSecond row changes per second the workload writes on the source
 * @param reportsRoot directory under which the run's report directory {@code demo-<timestamp>} is created
 * @param keepRunning leave everything running after the summary, until Ctrl-C
 */
public record DemoOptions(
        Duration workloadFor,
        Duration tolerance,
        Duration checkpointInterval,
        int writesPerSecond,
        Path reportsRoot,
        boolean keepRunning) {

    public static final Setting<Duration> WORKLOAD_FOR = Setting.duration("workload-for")
            .description("How long the write workload runs on the source.")
            .defaultValue("45s")
            .build();
    public static final Setting<Duration> TOLERANCE = ValidatorOptions.TOLERANCE
            .withDefault("5s")
            .describedAs("How long the sides may disagree before the validator reports drift.");
    public static final Setting<Duration> CHECKPOINT_INTERVAL = ValidatorOptions.CHECKPOINT_INTERVAL
            .withDefault("2s")
            .describedAs("The validator's checkpoint interval; drift events are published at checkpoints.");
    public static final Setting<Integer> RATE = Setting.integer("rate")
            .description("Row changes per second the workload writes on the source.")
            .defaultValue("200")
            .build();
    public static final Setting<Path> REPORTS_DIR = Setting.path("reports-dir", "DIR")
            .description("The reports go to DIR/demo-<timestamp>/.")
            .defaultValue("driftguard-reports")
            .build();
    public static final Setting<Boolean> KEEP_RUNNING = Setting.flag("keep-running")
            .description("Leave the databases, Kafka, capture and the validator running after the summary and show"
                    + " drift as it happens, until Ctrl-C.")
            .build();

    /** The demo's settings, in the order help lists them. */
    public static final List<Setting<?>> SETTINGS =
            List.of(WORKLOAD_FOR, TOLERANCE, CHECKPOINT_INTERVAL, RATE, REPORTS_DIR, KEEP_RUNNING);

    static final Duration MIN_WORKLOAD = Duration.ofSeconds(5);
    static final int MAX_WRITES_PER_SECOND = 5_000;

    public DemoOptions {
        Objects.requireNonNull(reportsRoot, "reportsRoot");
        requireAtLeast(WORKLOAD_FOR.option(), workloadFor, MIN_WORKLOAD);
        requireAtLeast(TOLERANCE.option(), tolerance, Duration.ofSeconds(1));
        requireAtLeast(CHECKPOINT_INTERVAL.option(), checkpointInterval, Duration.ofMillis(200));
        if (writesPerSecond < 1 || writesPerSecond > MAX_WRITES_PER_SECOND) {
            throw new IllegalArgumentException(RATE.option() + " " + writesPerSecond + " is out of range: use 1 to "
                    + MAX_WRITES_PER_SECOND + " row changes per second");
        }
    }

    /** The options given as settings ({@link #SETTINGS}); what is not given is its default. */
    public static DemoOptions from(Settings settings) {
        return new DemoOptions(
                settings.get(WORKLOAD_FOR),
                settings.get(TOLERANCE),
                settings.get(CHECKPOINT_INTERVAL),
                settings.get(RATE),
                settings.get(REPORTS_DIR),
                settings.get(KEEP_RUNNING));
    }

    /** When the drifts are injected: a third into the workload, so the validator has seen steady traffic first. */
    Duration injectAfter() {
        Duration third = workloadFor.dividedBy(3);
        return third.compareTo(Duration.ofSeconds(3)) < 0 ? Duration.ofSeconds(3) : third;
    }

    /**
     * How long after injection a drift may take to be reported: the tolerance, then up to one checkpoint until the
     * drift topic shows it, plus room for capture and a busy machine.
     */
    Duration detectionDeadline() {
        return tolerance.plus(checkpointInterval).plusSeconds(20);
    }

    /** How long after the repair a resolution may take to show: it is emitted at once, visible at a checkpoint. */
    Duration resolutionDeadline() {
        return checkpointInterval.plusSeconds(20);
    }

    private static void requireAtLeast(String option, Duration value, Duration minimum) {
        Objects.requireNonNull(value, option);
        if (value.compareTo(minimum) < 0) {
            throw new IllegalArgumentException(
                    option + " " + Durations.text(value) + " is too short: use at least " + Durations.text(minimum));
        }
    }
}
