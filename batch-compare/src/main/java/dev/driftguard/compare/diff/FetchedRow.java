package dev.driftguard.compare.diff;

import dev.driftguard.row.RowKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * A row as fetched for diffing: its canonical key, the 64-bit hash of each compared column's canonical text (null for
 * SQL NULL) in canonical-name order, and optionally the canonical texts (cut at the value limit).
 */
public record FetchedRow(RowKey key, Long[] hashes, String[] values) {

    public FetchedRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(hashes, "hashes");
    }

    /** A 64-bit digest of the column hashes: equal rows have equal fingerprints. */
    public long fingerprint() {
        return Fingerprints.of(hashes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FetchedRow other
                && key.equals(other.key)
                && Arrays.equals(hashes, other.hashes)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(hashes);
    }

    @Override
    public String toString() {
        return "FetchedRow" + key + Arrays.toString(hashes);
    }
}
