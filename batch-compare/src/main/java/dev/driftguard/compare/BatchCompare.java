package dev.driftguard.compare;

import dev.driftguard.compare.audit.CompareAudit;
import dev.driftguard.compare.audit.StoredSegment;
import dev.driftguard.compare.exec.BothSides;
import dev.driftguard.compare.exec.Sessions;
import dev.driftguard.compare.exec.Workers;
import dev.driftguard.compare.report.JsonReport;
import dev.driftguard.compare.schema.CatalogReader;
import dev.driftguard.compare.schema.TableInfo;
import dev.driftguard.compare.schema.TableMapper;
import dev.driftguard.compare.segment.Segment;
import dev.driftguard.compare.segment.SegmentOutcome;
import dev.driftguard.row.RowKey;
import dev.driftguard.row.TableId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the tables of two PostgreSQL databases: discovers and maps tables and columns, splits each table into
 * key-range segments, has both databases checksum every segment at the same time on a bounded pool, narrows
 * mismatches down to rows, confirms them (and rechecks them for live data), and records everything in the audit store
 * if one is given.
 */
public final class BatchCompare {

    private static final Logger LOG = LoggerFactory.getLogger(BatchCompare.class);
    private static final DateTimeFormatter RUN_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final CompareOptions options;
    private final CompareListener listener;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public BatchCompare(CompareOptions options, CompareListener listener) {
        this.options = options;
        this.listener = listener;
    }

    /**
     * Stops the run as soon as the segments being compared are done; {@link #run()} then throws {@link
     * CompareInterruptedException}. Thread-safe.
     */
    public void cancel() {
        cancelled.set(true);
    }

    /**
     * Runs the comparison.
     *
     * @throws IllegalArgumentException for options that do not fit the databases (the message names the option)
     * @throws dev.driftguard.pg.DatabaseAccessException if a database cannot be reached or read at all
     * @throws CompareInterruptedException if {@link #cancel()} was called
     */
    public CompareResult run() {
        Instant startedAt = Instant.now();
        String runId = options.resumeRunId().orElseGet(() -> newRunId(startedAt));
        ProgressTracker progress = new ProgressTracker(listener);
        try (CompareAudit audit = options.auditDb()
                        .map(spec -> CompareAudit.open(
                                spec,
                                options.migrationId(),
                                options.resumeRunId().orElse(null)))
                        .orElse(null);
                Workers workers = new Workers(
                        options.source(),
                        options.target(),
                        options.threads(),
                        options.statementTimeout(),
                        options.retries(),
                        options.retryBackoff())) {
            Map<TableId, List<StoredSegment>> stored = Map.of();
            LOG.info(
                    "batch compare run {}{}: {} -> {}",
                    runId,
                    options.resumeRunId().isPresent() ? " (resumed)" : "",
                    options.source(),
                    options.target());
            if (audit != null) {
                if (options.resumeRunId().isPresent()) {
                    stored = audit.resumeRun(runId, options.resultDefiningOptions());
                } else {
                    audit.startRun(runId, startedAt, options.resultDefiningOptions(), settings());
                }
            }
            try {
                CompareResult result = compare(workers, audit, stored, runId, startedAt, progress);
                if (audit != null) {
                    audit.finishRun("completed", result.summary().finishedAt(), JsonReport.summary(result.summary()));
                }
                progress.phase(CompareProgress.Phase.DONE);
                return result;
            } catch (CompareInterruptedException e) {
                finishQuietly(audit, "interrupted", e);
                throw e;
            } catch (RuntimeException e) {
                finishQuietly(audit, "failed", e);
                throw e;
            }
        }
    }

    private static void finishQuietly(CompareAudit audit, String status, RuntimeException cause) {
        if (audit == null) {
            return;
        }
        try {
            audit.finishRun(status, Instant.now(), null);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("threads", options.threads());
        settings.put("recheckRounds", options.recheckRounds());
        settings.put("recheckDelayMillis", options.recheckDelay().toMillis());
        settings.put("statementTimeoutMillis", options.statementTimeout().toMillis());
        return settings;
    }

    static String newRunId(Instant startedAt) {
        return "cmp-" + RUN_ID_TIME.format(startedAt) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * The run's phases in order: discover, select, map, plan and compare each table, recheck, store. One piece (about
     * 50 lines): the per-table futures started in the loop are awaited, rechecked and summed up in the phases after it.
     */
    private CompareResult compare(
            Workers workers,
            CompareAudit audit,
            Map<TableId, List<StoredSegment>> stored,
            String runId,
            Instant startedAt,
            ProgressTracker progress) {
        BothSides<Map<TableId, TableInfo>> catalogs = discover(workers, progress);
        Set<TableId> selected = select(catalogs);
        if (selected.isEmpty()) {
            throw new IllegalArgumentException(NothingToCompare.describe(options, workers));
        }
        progress.tables(selected.size());
        progress.phase(CompareProgress.Phase.PLANNING);
        TablePlanning planning = new TablePlanning(options, audit, progress);
        Map<TableId, TableResult> finished = new TreeMap<>();
        Map<TableId, CompletableFuture<TableResult>> pending = new TreeMap<>();
        List<TableRun> runs = new ArrayList<>();
        List<CompletableFuture<?>> work = new ArrayList<>();
        for (TableId table : selected) {
            TableInfo source = catalogs.source().get(table);
            TableInfo target = catalogs.target().get(table);
            if (source == null || target == null) {
                pending.put(table, workers.submit(s -> planning.missingTable(s, table, source, target)));
                continue;
            }
            TableMapper.Outcome outcome = TableMapper.map(
                    source,
                    target,
                    options.scope().rulesFor(table),
                    options.scope().rowFilterFor(table));
            if (outcome instanceof TableMapper.NotComparable nc) {
                finished.put(table, TableResults.notComparable(table, nc));
                progress.tableDone();
                continue;
            }
            TableRun run = new TableRun(((TableMapper.Mapped) outcome).mapping(), options);
            runs.add(run);
            work.add(workers.submit(s -> planning.plan(s, run, stored.get(table)))
                    .thenCompose(segments -> compareSegments(workers, run, segments, audit, progress))
                    .thenRun(progress::tableDone));
        }
        progress.phase(CompareProgress.Phase.COMPARING);
        work.forEach(Futures::await);
        pending.forEach((table, future) -> finished.put(table, Futures.await(future)));
        if (cancelled.get()) {
            throw new CompareInterruptedException(runId, audit != null);
        }
        new Rechecks(options, workers, progress).run(runs);
        for (TableRun run : runs) {
            finished.put(run.table(), TableResults.of(run, options.recheckRounds()));
        }
        CompareResult result = result(runId, startedAt, finished);
        saveFindings(workers, audit, runs, result);
        return result;
    }

    /** Stores the run's findings, after resolving or keeping the open ones of earlier runs of the same tables. */
    private void saveFindings(Workers workers, CompareAudit audit, List<TableRun> runs, CompareResult result) {
        if (audit != null) {
            Map<TableId, Map<RowKey, String>> stillOpen = FindingReconciler.reconcile(workers, audit, runs, result);
            audit.saveFindings(Findings.of(result, options.migrationId(), options.recheckRounds(), stillOpen));
        }
    }

    /** Tells the listener about every table, in name order, and sums them up. */
    private CompareResult result(String runId, Instant startedAt, Map<TableId, TableResult> finished) {
        List<TableResult> tables = new ArrayList<>(finished.values());
        tables.forEach(listener::tableFinished);
        return new CompareResult(
                TableResults.summary(
                        runId,
                        options.migrationId(),
                        options.resumeRunId().isPresent(),
                        startedAt,
                        Instant.now(),
                        tables),
                tables);
    }

    private BothSides<Map<TableId, TableInfo>> discover(Workers workers, ProgressTracker progress) {
        progress.phase(CompareProgress.Phase.DISCOVERING);
        return Futures.await(workers.submit(s -> s.both(
                "read the catalog of schema(s) "
                        + String.join(", ", options.scope().schemasToRead()),
                (side, c) -> CatalogReader.read(c, options.scope().schemasToRead()))));
    }

    /** The tables of either side that the options select, in name order; checks that the options' names exist. */
    private Set<TableId> select(BothSides<Map<TableId, TableInfo>> catalogs) {
        TreeSet<TableId> selected = new TreeSet<>();
        catalogs.source().keySet().stream().filter(options.scope()::selects).forEach(selected::add);
        catalogs.target().keySet().stream().filter(options.scope()::selects).forEach(selected::add);
        OptionReferences.check(options, selected, catalogs.source(), catalogs.target());
        return selected;
    }

    private CompletableFuture<Void> compareSegments(
            Workers workers, TableRun run, List<Segment> segments, CompareAudit audit, ProgressTracker progress) {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (Segment segment : segments) {
            futures.add(workers.submit(s -> {
                compareSegment(s, run, segment, audit, progress);
                return null;
            }));
        }
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    }

    private void compareSegment(
            Sessions sessions, TableRun run, Segment segment, CompareAudit audit, ProgressTracker progress) {
        if (cancelled.get() || run.failed()) {
            return;
        }
        try {
            SegmentOutcome outcome = run.comparer.compare(sessions, segment);
            if (audit != null) {
                audit.saveSegment(run.table(), outcome);
            }
            run.add(outcome, false);
            progress.segmentDone(Math.max(outcome.sourceRows(), outcome.targetRows()), true);
            listener.segmentFinished(run.table(), segment.number());
        } catch (RuntimeException e) {
            run.fail("segment " + segment.number(), e);
            if (audit != null) {
                try {
                    audit.segmentFailed(run.table(), segment.number());
                } catch (RuntimeException auditFailure) {
                    LOG.warn(
                            "{}: cannot record that segment {} failed: {}",
                            run.table(),
                            segment.number(),
                            auditFailure.getMessage());
                }
            }
        }
    }
}
