package dev.driftguard.capture;

import java.util.Locale;

/**
 * What capture reads before streaming, on its first start (when no offsets exist yet).
 *
 * <p>{@link #INITIAL} (default): every captured row once as a {@code SNAPSHOT} record, then the change stream, so the
 * validator starts from the full current state. {@link #NO_DATA}: only the change stream, for very large tables whose
 * unchanged rows batch-compare covers anyway.
 */
public enum SnapshotMode {
    INITIAL("initial"),
    NO_DATA("no_data");

    private final String debeziumValue;

    SnapshotMode(String debeziumValue) {
        this.debeziumValue = debeziumValue;
    }

    /** Debezium's {@code snapshot.mode} value. */
    public String debeziumValue() {
        return debeziumValue;
    }

    public static SnapshotMode parse(String text) {
        for (SnapshotMode mode : values()) {
            if (mode.debeziumValue.equalsIgnoreCase(text) || mode.name().equalsIgnoreCase(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("invalid snapshot mode '" + text + "': use initial or no_data");
    }

    @Override
    public String toString() {
        return debeziumValue.toLowerCase(Locale.ROOT);
    }
}
