package dev.driftguard.compare;

import dev.driftguard.avro.Side;
import dev.driftguard.compare.audit.CompareAudit;
import dev.driftguard.compare.audit.StoredSegment;
import dev.driftguard.compare.exec.BothSides;
import dev.driftguard.compare.exec.Sessions;
import dev.driftguard.compare.schema.TableInfo;
import dev.driftguard.compare.segment.Segment;
import dev.driftguard.compare.segment.SegmentOutcome;
import dev.driftguard.compare.segment.SegmentPlanner;
import dev.driftguard.compare.sql.SqlQuery;
import dev.driftguard.row.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prepares each table of a run: checks, row estimate, segment plan (new or from an earlier attempt). */
final class TablePlanning {

    private static final Logger LOG = LoggerFactory.getLogger(TablePlanning.class);

    private final CompareOptions options;
    private final CompareAudit audit;
    private final ProgressTracker progress;

    TablePlanning(CompareOptions options, CompareAudit audit, ProgressTracker progress) {
        this.options = options;
        this.audit = audit;
        this.progress = progress;
    }

    /** Plans a table's segments (or takes an earlier attempt's plan) and returns those still to compare. */
    List<Segment> plan(Sessions sessions, TableRun run, List<StoredSegment> prior) {
        try {
            if (!KeyChecks.identifyRows(sessions, run)) {
                return List.of();
            }
            double estimate = run.mapping.estimatedRows();
            if (run.mapping.source().estimatedRows() < 0 && run.mapping.target().estimatedRows() < 0) {
                // Never analyzed on either side: count, so that segments get their intended size.
                BothSides<Long> counts = sessions.both(
                        "count the rows of " + run.table(),
                        (side, c) -> KeyChecks.count(run.sql.on(side).count(), c));
                estimate = Math.max(counts.source(), counts.target());
            }
            List<Segment> toCompare = new ArrayList<>();
            if (prior != null && !prior.isEmpty()) {
                for (StoredSegment s : prior) {
                    if (s.keyColumns() != null && !s.keyColumns().equals(run.mapping.keyNames())) {
                        run.fail("run planned " + run.table() + " with key " + s.keyColumns() + " but its key is now "
                                + run.mapping.keyNames() + "; start a new run without --resume");
                        return List.of();
                    }
                }
                run.planned(prior.size());
                progress.planned(prior.size(), (long) estimate);
                for (StoredSegment s : prior) {
                    if (s.outcome().isPresent()) {
                        SegmentOutcome outcome = s.outcome().get();
                        run.add(outcome, true);
                        progress.segmentDone(Math.max(outcome.sourceRows(), outcome.targetRows()), false);
                    } else {
                        toCompare.add(s.segment());
                    }
                }
                return toCompare;
            }
            List<Segment> segments = SegmentPlanner.plan(sessions, run.sql, options, estimate);
            if (audit != null) {
                audit.savePlan(run.table(), run.mapping.keyNames(), segments);
            }
            run.planned(segments.size());
            progress.planned(segments.size(), (long) estimate);
            return segments;
        } catch (RuntimeException e) {
            run.fail("planning", e);
            return List.of();
        }
    }

    /** The result of a table that exists on one side only, with that side's row count. */
    TableResult missingTable(Sessions sessions, TableId table, TableInfo source, TableInfo target) {
        Side present = source != null ? Side.SOURCE : Side.TARGET;
        Long rows;
        try {
            rows = sessions.on(
                    present,
                    "count the rows of " + table,
                    (side, c) -> KeyChecks.count(
                            countQuery(
                                    side == Side.SOURCE ? source : target,
                                    options.scope().rowFilterFor(table)),
                            c));
        } catch (RuntimeException e) {
            LOG.warn("{}: cannot count its rows: {}", table, e.getMessage());
            rows = null;
        }
        progress.tableDone();
        String reason = "table exists on the " + (present == Side.SOURCE ? "source" : "target") + " only"
                + (rows == null ? "" : " (" + rows + " rows)");
        return TableResults.missing(
                table, reason, present == Side.SOURCE ? rows : null, present == Side.TARGET ? rows : null);
    }

    private static SqlQuery countQuery(TableInfo info, Optional<String> rowFilter) {
        return new SqlQuery(
                "SELECT count(*) FROM " + info.id().quoted()
                        + rowFilter.map(f -> " WHERE (\n" + f + "\n)").orElse(""),
                List.of());
    }
}
