package dev.driftguard.compare;

import java.time.Duration;
import java.time.Instant;

/**
 * Totals of a run.
 *
 * @param rowsCompared the sum over compared tables of the larger side's row count
 * @param segmentsResumed segments finished by an earlier attempt of this run and not computed again
 */
public record CompareSummary(
        String runId,
        String migrationId,
        boolean resumed,
        Instant startedAt,
        Instant finishedAt,
        int tables,
        int identical,
        int different,
        int skipped,
        int errors,
        long sourceRows,
        long targetRows,
        long rowsCompared,
        DifferenceCounts differences,
        long inFlight,
        int segments,
        int segmentsResumed) {

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    /** Compared rows per second of wall-clock time. */
    public double rowsPerSecond() {
        double seconds = duration().toNanos() / 1e9;
        return seconds <= 0 ? 0 : rowsCompared / seconds;
    }

    /** At least one table was compared, and every table is identical: comparing nothing proves nothing. */
    public boolean allIdentical() {
        return tables > 0 && identical == tables;
    }
}
