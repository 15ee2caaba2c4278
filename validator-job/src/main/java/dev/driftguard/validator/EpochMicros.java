package dev.driftguard.validator;

import java.time.Instant;

/** Conversions between {@link Instant} (the Avro timestamp-micros fields) and microseconds since the epoch. */
public final class EpochMicros {

    private EpochMicros() {}

    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** {@link #toInstant(long)}, or null for a negative value (meaning "none"). */
    public static Instant toInstantOrNull(long micros) {
        return micros < 0 ? null : toInstant(micros);
    }

    public static Instant ofMillis(long millis) {
        return Instant.ofEpochMilli(millis);
    }
}
