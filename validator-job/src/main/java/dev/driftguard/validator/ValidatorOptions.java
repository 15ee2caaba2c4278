package dev.driftguard.validator;

import dev.driftguard.settings.CommonSettings;
import dev.driftguard.settings.Setting;
import dev.driftguard.settings.Settings;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one validator job checks and how: immutable, validated once in {@link Builder#build()}; errors name the setting,
 * the value and the fix. Each setting is declared once here ({@link Setting}): the command line, the {@code flink run}
 * usage ({@link ValidatorLaunch}), the docs test and the messages below read these declarations.
 */
public final class ValidatorOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final Setting<String> MIGRATION = CommonSettings.MIGRATION
            .describedAs("The migration id: selects the topics driftguard.<id>.source/target and names the outputs.")
            .asRequired();

    public static final Setting<Duration> TOLERANCE = Setting.duration("tolerance")
            .description("How long the sides may disagree before a drift is reported.")
            .defaultValue("10s")
            .atLeast(Duration.ofMillis(1))
            .build();

    /**
     * Findings become visible (to read_committed readers and in the audit store) at the first checkpoint after they are
     * found, so a drift is reported between tolerance and tolerance + this interval after it began.
     */
    public static final Setting<Duration> CHECKPOINT_INTERVAL = Setting.duration("checkpoint-interval")
            .description("Checkpoint interval; findings are committed (visible to read_committed readers and in the"
                    + " audit store) at checkpoints.")
            .defaultValue("5s")
            .atLeast(Duration.ofMillis(100))
            .build();

    public static final Setting<Integer> MAX_FAILED_CHECKPOINTS = Setting.integer("max-failed-checkpoints")
            .description("Stop as failed (exit 2) after this many checkpoints failed in a row.")
            .defaultValue("3")
            .atLeast(1)
            .build();

    public static final Setting<Duration> STATUS_INTERVAL = Setting.duration("status-interval")
            .description("How often a validation status is emitted and printed.")
            .defaultValue("10s")
            .atLeast(Duration.ofMillis(100))
            .build();

    public static final Setting<Duration> LAG_WINDOW = Setting.duration("lag-window")
            .description("The recent period the status's lag percentiles cover.")
            .defaultValue("5m")
            .atLeast(Duration.ofMillis(100))
            .build();

    public static final Setting<Duration> IDLE_KEY_RETENTION = Setting.duration("idle-key-retention")
            .description("How long an idle key without open drift is remembered.")
            .defaultValue("1h")
            .atLeast(Duration.ofSeconds(1))
            .build();

    public static final Setting<Integer> PARALLELISM = Setting.integer("parallelism")
            .description("Detector parallelism; 0: the environment's default (the CPU cores when run locally).")
            .defaultValue("0")
            .atLeast(0)
            .build();

    public static final Setting<Boolean> HASH_ONLY = Setting.flag("hash-only")
            .description("Privacy mode: keep and report hashes only, never column values.")
            .build();

    /** The job's settings, in the order usage and help list them. */
    public static final List<Setting<?>> SETTINGS = List.of(
            MIGRATION,
            TOLERANCE,
            CHECKPOINT_INTERVAL,
            MAX_FAILED_CHECKPOINTS,
            STATUS_INTERVAL,
            LAG_WINDOW,
            IDLE_KEY_RETENTION,
            PARALLELISM,
            HASH_ONLY);

    private final String migration;
    private final Duration tolerance;
    private final Duration statusInterval;
    private final Duration lagWindow;
    private final Duration idleKeyRetention;
    private final Duration checkpointInterval;
    private final int maxFailedCheckpoints;
    private final boolean privacyMode;
    private final int parallelism;

    private ValidatorOptions(Builder b) {
        this.migration = b.migration;
        this.tolerance = b.tolerance;
        this.statusInterval = b.statusInterval;
        this.lagWindow = b.lagWindow;
        this.idleKeyRetention = b.idleKeyRetention;
        this.checkpointInterval = b.checkpointInterval;
        this.maxFailedCheckpoints = b.maxFailedCheckpoints;
        this.privacyMode = b.privacyMode;
        this.parallelism = b.parallelism;
    }

    public static Builder builder(String migration) {
        return new Builder(migration);
    }

    /** The options given as settings ({@link #SETTINGS}); what is not given is its default. */
    public static ValidatorOptions from(Settings settings) {
        return builder(settings.get(MIGRATION))
                .tolerance(settings.get(TOLERANCE))
                .checkpointInterval(settings.get(CHECKPOINT_INTERVAL))
                .maxFailedCheckpoints(settings.get(MAX_FAILED_CHECKPOINTS))
                .statusInterval(settings.get(STATUS_INTERVAL))
                .lagWindow(settings.get(LAG_WINDOW))
                .idleKeyRetention(settings.get(IDLE_KEY_RETENTION))
                .parallelism(settings.get(PARALLELISM))
                .privacyMode(settings.get(HASH_ONLY))
                .build();
    }

    /** The migration id: selects the topics and names the outputs. */
    public String migration() {
        return migration;
    }

    /** How long the two sides may disagree on a key before it is reported as drift. */
    public Duration tolerance() {
        return tolerance;
    }

    /** How often a {@code ValidationStatus} is emitted per table and for the whole migration. */
    public Duration statusInterval() {
        return statusInterval;
    }

    /** The recent period the status's lag percentiles cover. */
    public Duration lagWindow() {
        return lagWindow;
    }

    /**
     * How long a key without events and without an open drift is remembered: long enough to recognise replayed
     * (at-least-once) events of both sides as duplicates and to explain a later one-sided change.
     */
    public Duration idleKeyRetention() {
        return idleKeyRetention;
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /**
     * How many checkpoints may fail in a row before the validator stops as failed: its findings are committed only at
     * completed checkpoints, so a validator that cannot checkpoint must not look as if it found nothing.
     */
    public int maxFailedCheckpoints() {
        return maxFailedCheckpoints;
    }

    /** Hashes only: column values are neither kept in state nor written into drift events. */
    public boolean privacyMode() {
        return privacyMode;
    }

    /** Parallelism of the detector; 0 keeps the environment's default. */
    public int parallelism() {
        return parallelism;
    }

    @Override
    public String toString() {
        return "ValidatorOptions{migration=" + migration + ", tolerance=" + tolerance + ", statusInterval="
                + statusInterval + ", lagWindow=" + lagWindow + ", idleKeyRetention=" + idleKeyRetention
                + ", checkpointInterval=" + checkpointInterval + ", maxFailedCheckpoints=" + maxFailedCheckpoints
                + ", privacyMode=" + privacyMode + ", parallelism="
                + parallelism + "}";
    }

    /** Collects the options; {@link #build()} validates them all at once. */
    public static final class Builder {
        private final String migration;
        private Duration tolerance = TOLERANCE.defaultValue();
        private Duration statusInterval = STATUS_INTERVAL.defaultValue();
        private Duration lagWindow = LAG_WINDOW.defaultValue();
        private Duration idleKeyRetention = IDLE_KEY_RETENTION.defaultValue();
        private Duration checkpointInterval = CHECKPOINT_INTERVAL.defaultValue();
        private int maxFailedCheckpoints = MAX_FAILED_CHECKPOINTS.defaultValue();
        private boolean privacyMode;
        private int parallelism = PARALLELISM.defaultValue();

        private Builder(String migration) {
            this.migration = migration;
        }

        public Builder tolerance(Duration value) {
            this.tolerance = value;
            return this;
        }

        public Builder statusInterval(Duration value) {
            this.statusInterval = value;
            return this;
        }

        public Builder lagWindow(Duration value) {
            this.lagWindow = value;
            return this;
        }

        public Builder idleKeyRetention(Duration value) {
            this.idleKeyRetention = value;
            return this;
        }

        public Builder checkpointInterval(Duration value) {
            this.checkpointInterval = value;
            return this;
        }

        public Builder maxFailedCheckpoints(int value) {
            this.maxFailedCheckpoints = value;
            return this;
        }

        public Builder privacyMode(boolean value) {
            this.privacyMode = value;
            return this;
        }

        public Builder parallelism(int value) {
            this.parallelism = value;
            return this;
        }

        public ValidatorOptions build() {
            if (migration == null) {
                throw new IllegalArgumentException(MIGRATION.option() + " is missing: give the migration id");
            }
            MIGRATION.check(migration);
            TOLERANCE.check(Objects.requireNonNull(tolerance, "tolerance"));
            STATUS_INTERVAL.check(Objects.requireNonNull(statusInterval, "statusInterval"));
            CHECKPOINT_INTERVAL.check(Objects.requireNonNull(checkpointInterval, "checkpointInterval"));
            LAG_WINDOW.check(Objects.requireNonNull(lagWindow, "lagWindow"));
            IDLE_KEY_RETENTION.check(Objects.requireNonNull(idleKeyRetention, "idleKeyRetention"));
            MAX_FAILED_CHECKPOINTS.check(maxFailedCheckpoints);
            PARALLELISM.check(parallelism);
            if (lagWindow.compareTo(statusInterval) < 0) {
                throw new IllegalArgumentException(LAG_WINDOW.named() + " " + LAG_WINDOW.format(lagWindow)
                        + " is shorter than the " + STATUS_INTERVAL.named() + " "
                        + STATUS_INTERVAL.format(statusInterval) + "; make it at least as long");
            }
            if (idleKeyRetention.compareTo(tolerance) <= 0) {
                throw new IllegalArgumentException(IDLE_KEY_RETENTION.named() + " "
                        + IDLE_KEY_RETENTION.format(idleKeyRetention) + " must be longer than the " + TOLERANCE.named()
                        + " " + TOLERANCE.format(tolerance)
                        + ", or a key would be forgotten before its drift could be reported");
            }
            return new ValidatorOptions(this);
        }
    }
}
