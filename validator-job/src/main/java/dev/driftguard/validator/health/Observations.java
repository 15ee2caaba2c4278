package dev.driftguard.validator.health;

import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsHistory;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.checkpoint.FailedCheckpointStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.ErrorInfo;

/** Reads a {@link CheckpointObservation} off a job's execution graph, as its coordinator keeps it. */
public final class Observations {

    private Observations() {}

    public static CheckpointObservation of(AccessExecutionGraph graph) {
        CheckpointStatsSnapshot stats = graph.getCheckpointStatsSnapshot();
        if (stats == null) {
            return CheckpointObservation.withoutCoordinator(graph.getState(), rootMessage(graph.getFailureInfo()));
        }
        CheckpointStatsHistory history = stats.getHistory();
        CompletedCheckpointStats completed = history.getLatestCompletedCheckpoint();
        FailedCheckpointStats failed = history.getLatestFailedCheckpoint();
        List<Long> failedIds = history.getCheckpoints().stream()
                .filter(c -> c.getStatus() == CheckpointStatsStatus.FAILED)
                .map(AbstractCheckpointStats::getCheckpointId)
                .toList();
        return new CheckpointObservation(
                graph.getState(),
                stats.getCounts().getNumberOfCompletedCheckpoints(),
                stats.getCounts().getNumberOfFailedCheckpoints(),
                completed == null ? -1 : completed.getCheckpointId(),
                completed == null ? null : Instant.ofEpochMilli(completed.getTriggerTimestamp()),
                failedIds,
                failed == null ? null : failed.getFailureMessage(),
                rootMessage(graph.getFailureInfo()));
    }

    /** The innermost cause's message of a job failure: the part that names what went wrong. */
    static String rootMessage(ErrorInfo failure) {
        return failure == null ? null : rootMessage(failure.getException());
    }

    /** The innermost cause's message of {@code failure}, or null. */
    public static String rootMessage(Throwable failure) {
        if (failure == null) {
            return null;
        }
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
