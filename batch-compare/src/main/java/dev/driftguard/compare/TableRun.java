package dev.driftguard.compare;

import dev.driftguard.compare.diff.DifferenceSink;
import dev.driftguard.compare.diff.TableRecheck;
import dev.driftguard.compare.schema.TableMapping;
import dev.driftguard.compare.segment.SegmentComparer;
import dev.driftguard.compare.segment.SegmentOutcome;
import dev.driftguard.compare.sql.TableSides;
import dev.driftguard.pg.DatabaseAccessException;
import dev.driftguard.row.TableId;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One mapped table's comparison while the run goes on; segments of it finish on several worker threads. */
final class TableRun {

    private static final Logger LOG = LoggerFactory.getLogger(TableRun.class);

    final TableMapping mapping;
    final TableSides sql;
    final SegmentComparer comparer;
    final DifferenceSink sink;
    private final long startNanos = System.nanoTime();
    private long endNanos;
    private long sourceRows;
    private long targetRows;
    private int segments;
    private int segmentsResumed;
    private String failure;
    TableRecheck recheck;

    TableRun(TableMapping mapping, CompareOptions options) {
        this.mapping = mapping;
        this.sql = TableSides.of(mapping);
        this.comparer = new SegmentComparer(sql, options);
        this.sink = new DifferenceSink(options.maxDifferencesPerTable());
    }

    TableId table() {
        return mapping.table();
    }

    synchronized void planned(int count) {
        segments = count;
    }

    synchronized void add(SegmentOutcome outcome, boolean resumed) {
        sourceRows += outcome.sourceRows();
        targetRows += outcome.targetRows();
        if (resumed) {
            segmentsResumed++;
        }
        sink.add(outcome.differences(), outcome.counts());
        endNanos = System.nanoTime();
    }

    /** Logs a failure of {@code what} and records it as the table's failure. */
    void fail(String what, RuntimeException e) {
        if (e instanceof DatabaseAccessException || e instanceof IllegalArgumentException) {
            LOG.warn("{}: {} failed: {}", table(), what, e.getMessage());
        } else {
            LOG.error("{}: {} failed", table(), what, e);
        }
        fail(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** Records the first failure; later segments of the table are skipped. */
    synchronized void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
        endNanos = System.nanoTime();
    }

    synchronized boolean failed() {
        return failure != null;
    }

    synchronized String failure() {
        return failure;
    }

    synchronized long sourceRows() {
        return sourceRows;
    }

    synchronized long targetRows() {
        return targetRows;
    }

    synchronized int segments() {
        return segments;
    }

    synchronized int segmentsResumed() {
        return segmentsResumed;
    }

    synchronized Duration duration() {
        return Duration.ofNanos(Math.max(0, (endNanos == 0 ? System.nanoTime() : endNanos) - startNanos));
    }
}
