package dev.driftguard.compare;

import dev.driftguard.audit.Finding;
import dev.driftguard.compare.audit.CompareAudit;
import dev.driftguard.compare.diff.FetchedRow;
import dev.driftguard.compare.diff.RowReader;
import dev.driftguard.compare.diff.TableRecheck;
import dev.driftguard.compare.exec.BothSides;
import dev.driftguard.compare.exec.Sessions;
import dev.driftguard.compare.exec.Workers;
import dev.driftguard.row.RowKey;
import dev.driftguard.row.TableId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Brings the open batch findings of earlier runs up to date with a finished run, so that a repaired row does not stay
 * "open" forever and a row still differing is one finding, not one per run. Only tables this run compared completely
 * (identical or different) are touched; a key is resolved only when the run itself finds it equal (looked up on both
 * sides under the run's --where), so keys outside the run's range stay open.
 */
final class FindingReconciler {

    private final CompareAudit audit;
    private final String runId;
    private final Instant at;

    private FindingReconciler(CompareAudit audit, CompareResult result) {
        this.audit = audit;
        this.runId = result.summary().runId();
        this.at = result.summary().finishedAt();
    }

    /**
     * Resolves what the run found equal and returns, per table, the ids of open findings of the keys the run lists
     * again: this run's findings of those keys update them rather than open new ones.
     */
    static Map<TableId, Map<RowKey, String>> reconcile(
            Workers workers, CompareAudit audit, List<TableRun> runs, CompareResult result) {
        Map<TableId, List<Finding>> open =
                audit.openBatchFindings().stream().collect(Collectors.groupingBy(Finding::table));
        Map<TableId, TableResult> results =
                result.tables().stream().collect(Collectors.toMap(TableResult::table, Function.identity()));
        FindingReconciler reconciler = new FindingReconciler(audit, result);
        Map<TableId, Map<RowKey, String>> reused = new HashMap<>();
        for (TableRun run : runs) {
            TableResult table = results.get(run.table());
            List<Finding> findings = open.get(run.table());
            boolean complete = table.status() == TableStatus.IDENTICAL || table.status() == TableStatus.DIFFERENT;
            if (findings != null && complete && !run.failed()) {
                reused.put(run.table(), reconciler.table(workers, run, table, findings));
            }
        }
        return reused;
    }

    /** One table: keeps one open finding per listed key, resolves the others that the run sees equal. */
    private Map<RowKey, String> table(Workers workers, TableRun run, TableResult table, List<Finding> findings) {
        Set<RowKey> listed = new HashSet<>();
        table.differences().forEach(d -> listed.add(d.key()));
        table.inFlight().forEach(d -> listed.add(d.key()));
        Map<RowKey, String> kept = new LinkedHashMap<>();
        Map<RowKey, String> toCheck = new LinkedHashMap<>();
        for (Finding finding : findings) {
            RowKey key = inKeyOrder(finding.key(), run.mapping.keyNames());
            if (key == null) {
                continue; // found with another key: this run cannot tell
            }
            String first = kept.containsKey(key) ? kept.get(key) : toCheck.get(key);
            if (first != null) {
                audit.resolveFinding(finding.findingId(), at, "DUPLICATE: the same row as open finding " + first);
            } else if (listed.contains(key)) {
                kept.put(key, finding.findingId());
            } else {
                toCheck.put(key, finding.findingId());
            }
        }
        List<RowKey> keys = new ArrayList<>(toCheck.keySet());
        for (int from = 0; from < keys.size(); from += TableRecheck.LOOKUP_BATCH) {
            List<RowKey> batch = keys.subList(from, Math.min(keys.size(), from + TableRecheck.LOOKUP_BATCH));
            BothSides<Map<RowKey, FetchedRow>> rows = Futures.await(workers.submit(s -> lookup(s, run, batch)));
            for (RowKey key : batch) {
                String resolution =
                        resolution(run, rows.source().get(key), rows.target().get(key));
                if (resolution != null) {
                    audit.resolveFinding(toCheck.get(key), at, resolution);
                }
            }
        }
        return kept;
    }

    /** Why the row no longer differs, or null if it still does (or lies outside the run's --where). */
    private String resolution(TableRun run, FetchedRow source, FetchedRow target) {
        if (source != null && target != null && Arrays.equals(source.hashes(), target.hashes())) {
            return "RESOLVED: equal on both sides in batch run " + runId;
        }
        if (source == null && target == null && run.mapping.rowFilter().isEmpty()) {
            return "RESOLVED: the row is on neither side in batch run " + runId;
        }
        return null;
    }

    private static BothSides<Map<RowKey, FetchedRow>> lookup(Sessions sessions, TableRun run, List<RowKey> keys) {
        List<List<String>> values = keys.stream().map(RowKey::values).toList();
        RowReader reader =
                new RowReader(run.mapping.keyNames(), run.mapping.columns().size());
        return sessions.both(
                "look up " + keys.size() + " rows of open findings of " + run.table(),
                (side, c) -> reader.byKey(run.sql.on(side).rowsByKey(values, true, 0), c, false));
    }

    /** The stored key with its columns in the table's key order, or null if it names other columns. */
    private static RowKey inKeyOrder(RowKey stored, List<String> keyNames) {
        Map<String, String> values = stored.asMap();
        if (!values.keySet().equals(new HashSet<>(keyNames))) {
            return null;
        }
        return new RowKey(keyNames, keyNames.stream().map(values::get).toList());
    }
}
