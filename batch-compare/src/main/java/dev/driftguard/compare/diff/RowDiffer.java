package dev.driftguard.compare.diff;

import dev.driftguard.compare.DifferenceKind;
import dev.driftguard.row.RowKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Diffs two sets of rows by a hash join on the canonical key (its values, compared exactly), so nothing depends on the two sides returning rows in
 * the same order. A key present twice on one side (a declared key that is not unique) pairs up with the other side's
 * rows one by one; the surplus is missing or extra.
 */
public final class RowDiffer {

    private RowDiffer() {}

    /** The differences between {@code source} and {@code target}; {@code columns} names the hashes' columns. */
    public static List<Detected> diff(
            int segment, List<FetchedRow> source, List<FetchedRow> target, List<String> columns) {
        Map<RowKey, ArrayDeque<FetchedRow>> byKey = new HashMap<>();
        for (FetchedRow row : source) {
            byKey.computeIfAbsent(row.key(), k -> new ArrayDeque<>()).add(row);
        }
        List<Detected> differences = new ArrayList<>();
        for (FetchedRow t : target) {
            ArrayDeque<FetchedRow> candidates = byKey.get(t.key());
            FetchedRow s = candidates == null ? null : candidates.poll();
            if (s == null) {
                differences.add(
                        new Detected(segment, DifferenceKind.EXTRA_ON_TARGET, t.key(), List.of(), null, t.hashes()));
                continue;
            }
            List<String> differing = differingColumns(s.hashes(), t.hashes(), columns);
            if (!differing.isEmpty()) {
                differences.add(new Detected(
                        segment, DifferenceKind.VALUE_MISMATCH, s.key(), differing, s.hashes(), t.hashes()));
            }
        }
        for (ArrayDeque<FetchedRow> rest : byKey.values()) {
            for (FetchedRow s : rest) {
                differences.add(
                        new Detected(segment, DifferenceKind.MISSING_ON_TARGET, s.key(), List.of(), s.hashes(), null));
            }
        }
        return differences;
    }

    /** Columns whose hashes differ (a NULL differs from every value), in the order of {@code columns}. */
    public static List<String> differingColumns(Long[] source, Long[] target, List<String> columns) {
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!Objects.equals(source[i], target[i])) {
                differing.add(columns.get(i));
            }
        }
        return differing;
    }
}
