package dev.driftguard.compare.diff;

import dev.driftguard.compare.DifferenceKind;
import dev.driftguard.row.RowKey;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A difference as a segment found it, before it is confirmed: kind, key, differing columns and each side's column
 * hashes (null when the row is absent on that side).
 *
 * @param segment the planned segment it was found in (orders kept differences deterministically)
 */
public record Detected(
        int segment, DifferenceKind kind, RowKey key, List<String> columns, Long[] sourceHashes, Long[] targetHashes) {

    public Detected {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        columns = List.copyOf(columns);
    }

    /** Digest of both sides' observed state. */
    public long fingerprint() {
        return Fingerprints.pair(sourceHashes, targetHashes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Detected other
                && segment == other.segment
                && kind == other.kind
                && key.equals(other.key)
                && columns.equals(other.columns)
                && Arrays.equals(sourceHashes, other.sourceHashes)
                && Arrays.equals(targetHashes, other.targetHashes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(segment, kind, key, columns);
    }

    @Override
    public String toString() {
        return kind + " " + key + (columns.isEmpty() ? "" : " " + columns) + " (segment " + segment + ")";
    }
}
