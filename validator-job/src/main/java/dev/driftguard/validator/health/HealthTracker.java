package dev.driftguard.validator.health;

import java.time.Instant;
import org.apache.flink.api.common.JobStatus;

/**
 * Judges a validator's health from successive {@link CheckpointObservation}s. Drift findings reach Kafka's
 * read_committed readers and the audit store only when a checkpoint completes, so a validator whose checkpoints fail
 * finds drift that nobody sees: it is degraded from the first failure, and failed once {@code maxFailedCheckpoints}
 * fail in a row (its runner then stops it; the job itself fails at the same count through Flink's tolerable failed
 * checkpoints). Checkpoints refused because not all tasks run yet (a starting or restarting job) do not count, as
 * Flink does not count them either; the restart itself shows as degraded.
 */
public final class HealthTracker {

    private final int maxFailedCheckpoints;
    private long completedSeen;
    private long failedSeen;
    private long lastCompletedId = -1;
    private long lastFailedId = -1;
    private long consecutiveFailures;
    private String lastFailure;
    private Instant lastCompletedAt;

    public HealthTracker(int maxFailedCheckpoints) {
        if (maxFailedCheckpoints < 1) {
            throw new IllegalArgumentException("maxFailedCheckpoints must be at least 1, got " + maxFailedCheckpoints);
        }
        this.maxFailedCheckpoints = maxFailedCheckpoints;
    }

    /** Takes in the next observation (observations must come in order) and returns the health it shows. */
    public ValidatorHealth observe(CheckpointObservation o, Instant now) {
        return observe(o, now, null);
    }

    /**
     * As {@link #observe(CheckpointObservation, Instant)}; {@code storageProblem}, when not null, is what a look at the
     * checkpoint storage found wrong, and explains failed checkpoints better than Flink's message does.
     */
    public ValidatorHealth observe(CheckpointObservation o, Instant now, String storageProblem) {
        if (o.completedCheckpoints() >= 0) {
            count(o, storageProblem);
        }
        return new ValidatorHealth(
                state(o), reason(o), completedSeen, failedSeen, consecutiveFailures, lastCompletedAt, now);
    }

    private void count(CheckpointObservation o, String storageProblem) {
        long newestFailed = lastFailedId;
        if (o.latestCompletedId() > lastCompletedId) {
            // A completion ends the run of failures; failures newer than it start a new one.
            consecutiveFailures = o.recentFailedIds().stream()
                    .filter(id -> id > o.latestCompletedId())
                    .count();
            lastCompletedId = o.latestCompletedId();
            lastCompletedAt = o.latestCompletedAt();
        } else {
            consecutiveFailures +=
                    o.recentFailedIds().stream().filter(id -> id > lastFailedId).count();
        }
        for (long id : o.recentFailedIds()) {
            newestFailed = Math.max(newestFailed, id);
        }
        if (newestFailed > lastFailedId) {
            String flink = o.latestFailureMessage() == null ? "no reason given" : o.latestFailureMessage();
            lastFailure = storageProblem == null ? flink : storageProblem + " (Flink: " + flink + ")";
            lastFailedId = newestFailed;
        }
        completedSeen = o.completedCheckpoints();
        failedSeen = o.failedCheckpoints();
    }

    private HealthState state(CheckpointObservation o) {
        if (o.jobStatus() == JobStatus.FAILED || consecutiveFailures >= maxFailedCheckpoints) {
            return HealthState.FAILED;
        }
        if (o.jobStatus() == JobStatus.CANCELED || o.jobStatus() == JobStatus.FINISHED) {
            return HealthState.STOPPED;
        }
        if (consecutiveFailures > 0 || restarting(o)) {
            return HealthState.DEGRADED;
        }
        return HealthState.HEALTHY;
    }

    private String reason(CheckpointObservation o) {
        if (consecutiveFailures > 0) {
            String count = consecutiveFailures == 1
                    ? "a checkpoint failed"
                    : consecutiveFailures + " checkpoints failed in a row";
            return count + " (the validator stops at " + maxFailedCheckpoints + "): " + lastFailure
                    + "; drift findings are committed only when a checkpoint completes";
        }
        if (o.jobStatus() == JobStatus.FAILED) {
            return "the job failed: " + (o.jobFailure() == null ? "no cause reported" : o.jobFailure());
        }
        if (restarting(o)) {
            return "the job is restarting after a failure: "
                    + (o.jobFailure() == null ? "no cause reported" : o.jobFailure());
        }
        if (o.jobStatus() == JobStatus.CANCELED || o.jobStatus() == JobStatus.FINISHED) {
            return "the job was stopped";
        }
        return null;
    }

    private static boolean restarting(CheckpointObservation o) {
        return o.jobStatus() == JobStatus.RESTARTING || o.jobStatus() == JobStatus.FAILING;
    }
}
