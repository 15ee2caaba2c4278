package dev.driftguard.validator;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.flink.util.TimeUtils;

/**
 * What one validator job checks and how: immutable, validated once in {@link Builder#build()}; errors name the option,
 * the value and the fix.
 */
public final class ValidatorOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Migration ids become Kafka topic names and transactional id prefixes, so they use Kafka's topic alphabet. */
    private static final Pattern MIGRATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    // Each default once, as the text the command line takes (annotations and usage strings need constants), and as
    // the value parsed from it.
    public static final String DEFAULT_TOLERANCE_TEXT = "10s";
    public static final String DEFAULT_STATUS_INTERVAL_TEXT = "10s";
    public static final String DEFAULT_LAG_WINDOW_TEXT = "5m";
    public static final String DEFAULT_IDLE_KEY_RETENTION_TEXT = "1h";
    /**
     * Findings become visible (to read_committed readers and in the audit store) at the first checkpoint after they are
     * found, so a drift is reported between tolerance and tolerance + this interval after it began.
     */
    public static final String DEFAULT_CHECKPOINT_INTERVAL_TEXT = "5s";

    public static final String DEFAULT_MAX_FAILED_CHECKPOINTS_TEXT = "3";

    public static final Duration DEFAULT_TOLERANCE = TimeUtils.parseDuration(DEFAULT_TOLERANCE_TEXT);
    public static final Duration DEFAULT_STATUS_INTERVAL = TimeUtils.parseDuration(DEFAULT_STATUS_INTERVAL_TEXT);
    public static final Duration DEFAULT_LAG_WINDOW = TimeUtils.parseDuration(DEFAULT_LAG_WINDOW_TEXT);
    public static final Duration DEFAULT_IDLE_KEY_RETENTION = TimeUtils.parseDuration(DEFAULT_IDLE_KEY_RETENTION_TEXT);
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL =
            TimeUtils.parseDuration(DEFAULT_CHECKPOINT_INTERVAL_TEXT);
    public static final int DEFAULT_MAX_FAILED_CHECKPOINTS = Integer.parseInt(DEFAULT_MAX_FAILED_CHECKPOINTS_TEXT);

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
        private Duration tolerance = DEFAULT_TOLERANCE;
        private Duration statusInterval = DEFAULT_STATUS_INTERVAL;
        private Duration lagWindow = DEFAULT_LAG_WINDOW;
        private Duration idleKeyRetention = DEFAULT_IDLE_KEY_RETENTION;
        private Duration checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;
        private int maxFailedCheckpoints = DEFAULT_MAX_FAILED_CHECKPOINTS;
        private boolean privacyMode;
        private int parallelism;

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
            if (migration == null || !MIGRATION_ID.matcher(migration).matches()) {
                throw new IllegalArgumentException("migration id '" + migration
                        + "' is not usable: it names Kafka topics, so use 1-100 characters of [A-Za-z0-9._-]"
                        + " starting with a letter or digit");
            }
            requireAtLeast("tolerance", tolerance, Duration.ofMillis(1));
            requireAtLeast("status interval", statusInterval, Duration.ofMillis(100));
            requireAtLeast("checkpoint interval", checkpointInterval, Duration.ofMillis(100));
            requireAtLeast("lag window", lagWindow, Duration.ofMillis(100));
            requireAtLeast("idle key retention", idleKeyRetention, Duration.ofSeconds(1));
            if (lagWindow.compareTo(statusInterval) < 0) {
                throw new IllegalArgumentException(setting("lag window") + " " + format(lagWindow)
                        + " is shorter than the " + setting("status interval") + " " + format(statusInterval)
                        + "; make it at least as long");
            }
            if (idleKeyRetention.compareTo(tolerance) <= 0) {
                throw new IllegalArgumentException(setting("idle key retention") + " " + format(idleKeyRetention)
                        + " must be longer than the " + setting("tolerance") + " " + format(tolerance)
                        + ", or a key would be forgotten before its drift could be reported");
            }
            if (maxFailedCheckpoints < 1) {
                throw new IllegalArgumentException(
                        setting("max failed checkpoints") + " must be at least 1, got " + maxFailedCheckpoints);
            }
            if (parallelism < 0) {
                throw new IllegalArgumentException(
                        "parallelism must be positive (or 0 for the environment's default), got " + parallelism);
            }
            return new ValidatorOptions(this);
        }

        private static void requireAtLeast(String name, Duration value, Duration minimum) {
            Objects.requireNonNull(value, name);
            if (value.compareTo(minimum) < 0) {
                throw new IllegalArgumentException(
                        setting(name) + " must be at least " + format(minimum) + ", got " + format(value));
            }
        }

        /** A setting's name with its command-line option: "tolerance (--tolerance)". */
        private static String setting(String name) {
            return name + " (--" + name.replace(' ', '-') + ")";
        }

        /** In the syntax the command line takes: 500ms, 10s, 5min, 1h. */
        private static String format(Duration duration) {
            return TimeUtils.formatWithHighestUnit(duration).replace(" ", "");
        }
    }
}
