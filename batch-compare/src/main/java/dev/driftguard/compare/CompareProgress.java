package dev.driftguard.compare;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of a run's progress.
 *
 * @param rowsEstimated the planner's estimate of all planned tables' rows (the larger side of each)
 * @param rowsDone rows of finished segments (the larger side of each), including resumed ones
 * @param rowsPerSecond rows compared per second by this attempt
 */
public record CompareProgress(
        Phase phase,
        int tablesTotal,
        int tablesDone,
        int segmentsTotal,
        int segmentsDone,
        long rowsEstimated,
        long rowsDone,
        double rowsPerSecond,
        Duration elapsed) {

    /** What the run is doing. */
    public enum Phase {
        DISCOVERING,
        PLANNING,
        COMPARING,
        RECHECKING,
        DONE
    }

    /** Time left at the current rate, if it can be told. */
    public Optional<Duration> eta() {
        if (rowsPerSecond <= 0 || rowsDone >= rowsEstimated) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) ((rowsEstimated - rowsDone) / rowsPerSecond * 1000)));
    }
}
