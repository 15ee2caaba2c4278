package dev.driftguard.validator.health;

import java.time.Duration;
import java.time.Instant;

/**
 * The health of a validator at {@code checkedAt}, with the evidence it was judged on.
 *
 * @param reason why it is not healthy (null when healthy)
 * @param consecutiveFailures checkpoints failed since the last completed one
 * @param lastCheckpointAt when the newest completed checkpoint was taken, null before the first
 */
public record ValidatorHealth(
        HealthState state,
        String reason,
        long checkpointsCompleted,
        long checkpointsFailed,
        long consecutiveFailures,
        Instant lastCheckpointAt,
        Instant checkedAt) {

    public boolean healthy() {
        return state == HealthState.HEALTHY;
    }

    /** This health, ended with {@code state} (FAILED or STOPPED) for {@code why}. */
    public ValidatorHealth ended(HealthState state, String why, Instant at) {
        return new ValidatorHealth(
                state, why, checkpointsCompleted, checkpointsFailed, consecutiveFailures, lastCheckpointAt, at);
    }

    /** For a status line: " | checkpoint 3s ago" when healthy, else " | DEGRADED: reason". */
    public String suffix() {
        if (!healthy()) {
            return " | " + state + ": " + reason;
        }
        if (lastCheckpointAt == null) {
            return " | no checkpoint yet";
        }
        long seconds = Math.max(0, Duration.between(lastCheckpointAt, checkedAt).toSeconds());
        return " | checkpoint " + seconds + "s ago";
    }
}
