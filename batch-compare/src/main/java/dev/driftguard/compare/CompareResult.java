package dev.driftguard.compare;

import java.util.List;
import java.util.Objects;

/** The outcome of a run: one result per table (sorted by table) and the totals. */
public record CompareResult(CompareSummary summary, List<TableResult> tables) {

    public CompareResult {
        Objects.requireNonNull(summary, "summary");
        tables = List.copyOf(tables);
    }

    /** Every table was compared and is identical (exit code 0 of the command). */
    public boolean allIdentical() {
        return summary.allIdentical();
    }
}
