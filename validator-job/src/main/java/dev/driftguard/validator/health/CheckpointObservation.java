package dev.driftguard.validator.health;

import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.JobStatus;

/**
 * What the job's coordinator knows at one moment: its status, the checkpoint counters, the newest completed checkpoint
 * (id -1 and time null before the first), the ids of the failed checkpoints in its recent history with the newest one's
 * failure message, and the failure that made the job restart or fail, if any.
 *
 * @param failedCheckpoints every failed checkpoint, also those refused before they started because not all tasks ran
 *     yet (normal while a job starts or restarts), which have no id and are not in {@code recentFailedIds}
 */
public record CheckpointObservation(
        JobStatus jobStatus,
        long completedCheckpoints,
        long failedCheckpoints,
        long latestCompletedId,
        Instant latestCompletedAt,
        List<Long> recentFailedIds,
        String latestFailureMessage,
        String jobFailure) {

    public CheckpointObservation {
        recentFailedIds = List.copyOf(recentFailedIds);
    }

    /**
     * A job whose coordinator cannot be asked (it ended and is gone): no checkpoint counters, so the health keeps those
     * it saw last.
     */
    public static CheckpointObservation withoutCoordinator(JobStatus status, String jobFailure) {
        return new CheckpointObservation(status, -1, -1, -1, null, List.of(), null, jobFailure);
    }
}
