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

    /**
     * Time left at the current rate, if it can be told: not before 5 % of the rows or 10 s, since the first segments'
     * rate (connections warming up, the largest segments first) says little about the rest.
     */
    public Optional<Duration> eta() {
        boolean measured = rowsDone * 20 >= rowsEstimated || elapsed.compareTo(Duration.ofSeconds(10)) >= 0;
        if (rowsPerSecond <= 0 || rowsDone >= rowsEstimated || !measured) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) ((rowsEstimated - rowsDone) / rowsPerSecond * 1000)));
    }
}
