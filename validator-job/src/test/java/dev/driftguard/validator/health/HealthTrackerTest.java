package dev.driftguard.validator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;

class HealthTrackerTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final HealthTracker tracker = new HealthTracker(3);

    private static CheckpointObservation running(long completed, long lastCompletedId, List<Long> failedIds) {
        return new CheckpointObservation(
                JobStatus.RUNNING,
                completed,
                failedIds.size(),
                lastCompletedId,
                lastCompletedId < 0 ? null : NOW.minusSeconds(1),
                failedIds,
                failedIds.isEmpty() ? null : "IO-problem detected.",
                null);
    }

    @Test
    void aJobWhoseCheckpointsCompleteIsHealthyWithItsLastCheckpointTime() {
        ValidatorHealth health = tracker.observe(running(4, 4, List.of()), NOW);

        assertThat(health.state()).isEqualTo(HealthState.HEALTHY);
        assertThat(health.reason()).isNull();
        assertThat(health.lastCheckpointAt()).isEqualTo(NOW.minusSeconds(1));
        assertThat(health.suffix()).isEqualTo(" | checkpoint 1s ago");
    }

    @Test
    void checkpointsRefusedWhileTasksStartAreNotFailures() {
        CheckpointObservation starting =
                new CheckpointObservation(JobStatus.RUNNING, 0, 2, -1, null, List.of(), null, null);

        assertThat(tracker.observe(starting, NOW).state()).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void oneFailedCheckpointDegradesWithTheStorageProblemAndFlinksMessage() {
        tracker.observe(running(4, 4, List.of()), NOW);
        ValidatorHealth health = tracker.observe(running(4, 4, List.of(5L)), NOW, "checkpoint directory /x is gone");

        assertThat(health.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(health.consecutiveFailures()).isEqualTo(1);
        assertThat(health.reason())
                .startsWith("a checkpoint failed (the validator stops at 3): checkpoint directory /x is gone"
                        + " (Flink: IO-problem detected.)")
                .endsWith("drift findings are committed only when a checkpoint completes");
        assertThat(health.suffix()).startsWith(" | DEGRADED: a checkpoint failed");
    }

    @Test
    void theMaximumOfFailuresInARowIsFailedEvenIfSeenInOneObservation() {
        tracker.observe(running(4, 4, List.of()), NOW);
        tracker.observe(running(4, 4, List.of(5L)), NOW);
        ValidatorHealth health = tracker.observe(running(4, 4, List.of(5L, 6L, 7L)), NOW);

        assertThat(health.state()).isEqualTo(HealthState.FAILED);
        assertThat(health.consecutiveFailures()).isEqualTo(3);
        assertThat(health.reason()).startsWith("3 checkpoints failed in a row");
    }

    @Test
    void aCompletedCheckpointEndsTheRunOfFailures() {
        tracker.observe(running(4, 4, List.of(5L, 6L)), NOW);
        ValidatorHealth recovered = tracker.observe(running(5, 7, List.of(5L, 6L)), NOW);
        assertThat(recovered.state()).isEqualTo(HealthState.HEALTHY);
        assertThat(recovered.consecutiveFailures()).isZero();

        ValidatorHealth again = tracker.observe(running(5, 7, List.of(5L, 6L, 8L)), NOW);
        assertThat(again.consecutiveFailures())
                .as("only the failure after the completion")
                .isEqualTo(1);
    }

    @Test
    void aRestartingJobIsDegradedWithItsFailureAndAFailedJobIsFailed() {
        CheckpointObservation restarting = new CheckpointObservation(
                JobStatus.RESTARTING, 3, 0, 3, NOW, List.of(), null, "Connection to node -1 could not be established");
        assertThat(tracker.observe(restarting, NOW).reason())
                .isEqualTo("the job is restarting after a failure: Connection to node -1 could not be established");

        ValidatorHealth failed =
                tracker.observe(CheckpointObservation.withoutCoordinator(JobStatus.FAILED, "audit store gone"), NOW);
        assertThat(failed.state()).isEqualTo(HealthState.FAILED);
        assertThat(failed.reason()).isEqualTo("the job failed: audit store gone");
        assertThat(failed.checkpointsCompleted()).as("the counters seen last").isEqualTo(3);
    }

    @Test
    void aCancelledJobIsStopped() {
        ValidatorHealth health =
                tracker.observe(CheckpointObservation.withoutCoordinator(JobStatus.CANCELED, null), NOW);

        assertThat(health.state()).isEqualTo(HealthState.STOPPED);
        assertThat(health.state().storedName()).isEqualTo("stopped");
    }
}
