package dev.driftguard.compare.diff;

import dev.driftguard.compare.CompareOptions;
import dev.driftguard.compare.Difference;
import dev.driftguard.compare.DifferenceCounts;
import dev.driftguard.compare.DifferenceKind;
import dev.driftguard.compare.exec.BothSides;
import dev.driftguard.compare.exec.Sessions;
import dev.driftguard.compare.sql.TableSides;
import dev.driftguard.row.RowKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Confirms a table's detected differences by looking their keys up on both sides, once right after the scan and
 * again in each recheck round. A row that agrees on both sides at any lookup is dropped (it converged); a row whose
 * state changed between observations is in flight when recheck rounds were asked for; the others are confirmed, as
 * the last lookup saw them.
 */
public final class TableRecheck {

    /** Keys per lookup query. */
    public static final int LOOKUP_BATCH = 200;

    private final TableSides sql;
    private final CompareOptions options;
    private final List<String> columns;
    private final RowReader reader;
    private final List<Tracked> tracked = new ArrayList<>();
    private final DifferenceCounts detectedCounts;

    private static final class Tracked {
        final Detected detected;
        FetchedRow source;
        FetchedRow target;
        long fingerprint;
        boolean changed;
        boolean converged;

        Tracked(Detected detected) {
            this.detected = detected;
            this.fingerprint = detected.fingerprint();
        }
    }

    /** The outcome for the kept differences. */
    public record Result(
            List<Difference> confirmed,
            List<Difference> inFlight,
            int converged,
            DifferenceCounts keptBefore,
            DifferenceCounts keptAfter) {}

    public TableRecheck(TableSides sql, CompareOptions options, List<Detected> kept) {
        this.sql = sql;
        this.options = options;
        this.columns = sql.mapping().columnNames();
        this.reader = new RowReader(sql.mapping().keyNames(), columns.size());
        DifferenceCounts counts = DifferenceCounts.NONE;
        for (Detected d : kept) {
            tracked.add(new Tracked(d));
            counts = counts.plus(d.kind(), 1);
        }
        this.detectedCounts = counts;
    }

    /** Whether some differences are still open (not converged). */
    public boolean hasOpen() {
        return tracked.stream().anyMatch(t -> !t.converged);
    }

    /** Looks up every open difference on both sides and updates its state. */
    public void observe(Sessions sessions) {
        List<Tracked> open = tracked.stream().filter(t -> !t.converged).toList();
        for (int from = 0; from < open.size(); from += LOOKUP_BATCH) {
            List<Tracked> batch = open.subList(from, Math.min(open.size(), from + LOOKUP_BATCH));
            List<List<String>> keys =
                    batch.stream().map(t -> t.detected.key().values()).toList();
            BothSides<Map<RowKey, FetchedRow>> rows = sessions.both(
                    "look up " + keys.size() + " differing rows of "
                            + sql.mapping().table(),
                    (side, c) -> reader.byKey(
                            sql.on(side).rowsByKey(keys, options.hashOnly(), options.valueLimitChars()),
                            c,
                            !options.hashOnly()));
            for (Tracked t : batch) {
                RowKey key = t.detected.key();
                t.source = rows.source().get(key);
                t.target = rows.target().get(key);
                Long[] s = t.source == null ? null : t.source.hashes();
                Long[] g = t.target == null ? null : t.target.hashes();
                if (Arrays.equals(s, g)) {
                    t.converged = true;
                    continue;
                }
                long fingerprint = Fingerprints.pair(s, g);
                if (fingerprint != t.fingerprint) {
                    t.changed = true;
                    t.fingerprint = fingerprint;
                }
            }
        }
    }

    /** The differences after the last observation; {@code rounds} is the number of recheck rounds run. */
    public Result result(int rounds) {
        List<Difference> confirmed = new ArrayList<>();
        List<Difference> inFlight = new ArrayList<>();
        DifferenceCounts after = DifferenceCounts.NONE;
        int converged = 0;
        for (Tracked t : tracked) {
            if (t.converged) {
                converged++;
                continue;
            }
            Difference d = difference(t);
            if (rounds > 0 && t.changed) {
                inFlight.add(d);
            } else {
                confirmed.add(d);
                after = after.plus(d.kind(), 1);
            }
        }
        return new Result(confirmed, inFlight, converged, detectedCounts, after);
    }

    private Difference difference(Tracked t) {
        RowKey key = t.detected.key();
        if (t.source == null && t.target == null) {
            // Never looked up: report it as the scan saw it.
            return new Difference(t.detected.kind(), key, t.detected.columns(), Map.of(), Map.of());
        }
        if (t.target == null) {
            return new Difference(
                    DifferenceKind.MISSING_ON_TARGET, key, List.of(), values(t.source, columns), Map.of());
        }
        if (t.source == null) {
            return new Difference(DifferenceKind.EXTRA_ON_TARGET, key, List.of(), Map.of(), values(t.target, columns));
        }
        List<String> differing = RowDiffer.differingColumns(t.source.hashes(), t.target.hashes(), columns);
        return new Difference(
                DifferenceKind.VALUE_MISMATCH,
                key,
                differing,
                values(t.source, differing),
                values(t.target, differing));
    }

    private Map<String, String> values(FetchedRow row, List<String> wanted) {
        Map<String, String> values = new LinkedHashMap<>();
        if (row.values() == null) {
            return values;
        }
        for (String column : wanted) {
            values.put(column, truncate(row.values()[columns.indexOf(column)]));
        }
        return values;
    }

    private String truncate(String value) {
        int limit = options.valueLimitChars();
        if (value == null || value.codePointCount(0, value.length()) <= limit) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, limit)) + Difference.TRUNCATION_MARK;
    }
}
