package dev.driftguard.cli;

import dev.driftguard.avro.ValidationStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One line summing up a migration-wide {@link ValidationStatus}, for a live display. */
public final class StatusLine {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private StatusLine() {}

    public static String of(ValidationStatus status, Instant now) {
        StringBuilder line = new StringBuilder();
        line.append('[')
                .append(CLOCK.format(status.getEmittedAtMicros()))
                .append("] events source ")
                .append(status.getEventsSource())
                .append(" target ")
                .append(status.getEventsTarget())
                .append(" | keys ")
                .append(status.getKeysTracked())
                .append(" | open drifts ")
                .append(status.getOpenDrifts())
                .append(" | lag ");
        if (status.getLagP50Millis() == null) {
            line.append("-");
        } else {
            line.append("p50 ")
                    .append(status.getLagP50Millis())
                    .append("ms p99 ")
                    .append(status.getLagP99Millis())
                    .append("ms max ")
                    .append(status.getLagMaxMillis())
                    .append("ms");
        }
        line.append(" | last event source ")
                .append(age(status.getLastEventSourceMicros(), now))
                .append(", target ")
                .append(age(status.getLastEventTargetMicros(), now));
        return line.toString();
    }

    private static String age(Instant last, Instant now) {
        if (last == null) {
            return "none";
        }
        Duration age = Duration.between(last, now);
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
        long seconds = age.toSeconds();
        return seconds < 120 ? seconds + "s ago" : age.toMinutes() + "min ago";
    }
}
