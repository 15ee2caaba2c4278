package dev.driftguard.compare;

import dev.driftguard.compare.diff.TableRecheck;
import dev.driftguard.compare.schema.TableMapper;
import dev.driftguard.row.TableId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Builds table results and the run summary. */
final class TableResults {

    private TableResults() {}

    static TableResult notComparable(TableId table, TableMapper.NotComparable outcome) {
        return new TableResult(
                table,
                outcome.status(),
                outcome.reason(),
                null,
                null,
                DifferenceCounts.NONE,
                List.of(),
                List.of(),
                0,
                outcome.schemaDifferences(),
                0,
                0,
                Duration.ZERO);
    }

    static TableResult missing(TableId table, String reason, Long sourceRows, Long targetRows) {
        return new TableResult(
                table,
                TableStatus.DIFFERENT,
                reason,
                sourceRows,
                targetRows,
                DifferenceCounts.NONE,
                List.of(),
                List.of(),
                0,
                List.of(),
                0,
                0,
                Duration.ZERO);
    }

    /**
     * The result of a compared table: its confirmed differences (counts exact: the segments' counts with the kept
     * differences replaced by what confirmation and recheck made of them) and schema differences.
     */
    static TableResult of(TableRun run, int recheckRounds) {
        List<SchemaDifference> schema = run.mapping.schemaDifferences();
        if (run.failed()) {
            return failed(run, schema);
        }
        DifferenceCounts counts = run.sink.counts();
        List<Difference> confirmed = List.of();
        List<Difference> inFlight = List.of();
        int converged = 0;
        if (run.recheck != null) {
            TableRecheck.Result rechecked = run.recheck.result(recheckRounds);
            confirmed = rechecked.confirmed();
            inFlight = rechecked.inFlight();
            converged = rechecked.converged();
            counts = afterRecheck(counts, rechecked);
        }
        List<SchemaDifference> unsupported = schema.stream()
                .filter(d -> d.kind() == SchemaDifference.Kind.UNSUPPORTED_TYPE)
                .toList();
        TableStatus status;
        String reason = null;
        if (!unsupported.isEmpty()) {
            status = TableStatus.ERROR;
            reason = unsupported.stream().map(SchemaDifference::detail).collect(Collectors.joining("; "));
        } else if (!schema.isEmpty()) {
            status = TableStatus.DIFFERENT;
            reason = schema.stream().map(SchemaDifference::detail).collect(Collectors.joining("; "));
        } else {
            status = counts.total() > 0 ? TableStatus.DIFFERENT : TableStatus.IDENTICAL;
        }
        return new TableResult(
                run.table(),
                status,
                reason,
                run.sourceRows(),
                run.targetRows(),
                counts,
                confirmed,
                inFlight,
                converged,
                schema,
                run.segments(),
                run.segmentsResumed(),
                run.duration());
    }

    private static TableResult failed(TableRun run, List<SchemaDifference> schema) {
        return new TableResult(
                run.table(),
                TableStatus.ERROR,
                run.failure(),
                null,
                null,
                DifferenceCounts.NONE,
                List.of(),
                List.of(),
                0,
                schema,
                run.segments(),
                run.segmentsResumed(),
                run.duration());
    }

    /** The segments' counts with the kept differences replaced by what confirmation and recheck made of them. */
    private static DifferenceCounts afterRecheck(DifferenceCounts counts, TableRecheck.Result rechecked) {
        return new DifferenceCounts(
                counts.missingOnTarget()
                        - rechecked.keptBefore().missingOnTarget()
                        + rechecked.keptAfter().missingOnTarget(),
                counts.extraOnTarget()
                        - rechecked.keptBefore().extraOnTarget()
                        + rechecked.keptAfter().extraOnTarget(),
                counts.valueMismatch()
                        - rechecked.keptBefore().valueMismatch()
                        + rechecked.keptAfter().valueMismatch());
    }

    static CompareSummary summary(
            String runId,
            String migrationId,
            boolean resumed,
            Instant startedAt,
            Instant finishedAt,
            List<TableResult> tables) {
        DifferenceCounts differences = DifferenceCounts.NONE;
        long sourceRows = 0;
        long targetRows = 0;
        long rowsCompared = 0;
        long inFlight = 0;
        int segments = 0;
        int segmentsResumed = 0;
        for (TableResult t : tables) {
            differences = differences.plus(t.counts());
            sourceRows += t.sourceRows() == null ? 0 : t.sourceRows();
            targetRows += t.targetRows() == null ? 0 : t.targetRows();
            rowsCompared += t.rowsCompared();
            inFlight += t.inFlight().size();
            segments += t.segments();
            segmentsResumed += t.segmentsResumed();
        }
        return new CompareSummary(
                runId,
                migrationId,
                resumed,
                startedAt,
                finishedAt,
                tables.size(),
                count(tables, TableStatus.IDENTICAL),
                count(tables, TableStatus.DIFFERENT),
                count(tables, TableStatus.SKIPPED),
                count(tables, TableStatus.ERROR),
                sourceRows,
                targetRows,
                rowsCompared,
                differences,
                inFlight,
                segments,
                segmentsResumed);
    }

    private static int count(List<TableResult> tables, TableStatus status) {
        return (int) tables.stream().filter(t -> t.status() == status).count();
    }
}
