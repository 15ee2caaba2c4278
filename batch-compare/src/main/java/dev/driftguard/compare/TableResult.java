package dev.driftguard.compare;

import dev.driftguard.row.TableId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one table.
 *
 * @param reason why the table is skipped, in error or different at the schema level; null when there is nothing to say
 * @param sourceRows rows on the source (after --where), null if not counted
 * @param targetRows rows on the target (after --where), null if not counted
 * @param counts confirmed differences by kind (exact, also beyond the listed ones)
 * @param differences confirmed differences, at most the run's per-table limit, in key order
 * @param inFlight rows that kept changing during recheck (handed to the streaming validator, not differences)
 * @param converged rows found different by the scan that agreed when looked up again (changes in flight, dropped)
 * @param segments planned key-range segments; {@code segmentsResumed} of them were finished by an earlier attempt
 */
public record TableResult(
        TableId table,
        TableStatus status,
        String reason,
        Long sourceRows,
        Long targetRows,
        DifferenceCounts counts,
        List<Difference> differences,
        List<Difference> inFlight,
        int converged,
        List<SchemaDifference> schemaDifferences,
        int segments,
        int segmentsResumed,
        Duration duration) {

    public TableResult {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(duration, "duration");
        differences = List.copyOf(differences);
        inFlight = List.copyOf(inFlight);
        schemaDifferences = List.copyOf(schemaDifferences);
    }

    /** A table that was not compared at all. */
    public static TableResult notCompared(TableId table, TableStatus status, String reason) {
        return new TableResult(
                table,
                status,
                reason,
                null,
                null,
                DifferenceCounts.NONE,
                List.of(),
                List.of(),
                0,
                List.of(),
                0,
                0,
                Duration.ZERO);
    }

    /** Whether {@link #differences} lists fewer rows than {@link #counts} (the per-table limit was reached). */
    public boolean differencesTruncated() {
        return counts.total() > differences.size();
    }

    /** Rows this table contributed to the comparison: the larger side. */
    public long rowsCompared() {
        return Math.max(sourceRows == null ? 0 : sourceRows, targetRows == null ? 0 : targetRows);
    }
}
