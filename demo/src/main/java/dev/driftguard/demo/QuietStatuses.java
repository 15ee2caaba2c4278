package dev.driftguard.demo;

import dev.driftguard.avro.ValidationStatus;
import java.time.Instant;

/** Whether the validator's event counts stayed the same over several statuses emitted after a point in time. */
final class QuietStatuses {
    private final Instant after;
    private final int needed;
    private Instant lastEmitted;
    private long lastSource = -1;
    private long lastTarget = -1;
    private int unchanged;

    QuietStatuses(Instant after, int needed) {
        this.needed = needed;
        this.after = after;
    }

    boolean isQuiet(ValidationStatus status) {
        if (status == null
                || status.getEmittedAtMicros().isBefore(after)
                || status.getEmittedAtMicros().equals(lastEmitted)) {
            return unchanged >= needed;
        }
        lastEmitted = status.getEmittedAtMicros();
        if (status.getEventsSource() == lastSource && status.getEventsTarget() == lastTarget) {
            unchanged++;
        } else {
            unchanged = 1;
            lastSource = status.getEventsSource();
            lastTarget = status.getEventsTarget();
        }
        return unchanged >= needed;
    }
}
