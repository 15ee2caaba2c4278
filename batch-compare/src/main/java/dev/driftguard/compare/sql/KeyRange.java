package dev.driftguard.compare.sql;

import java.util.List;

/**
 * A range of keys: rows with {@code lower <= key < upper}, compared as row values in key order. Bounds are canonical
 * key texts (one per key column); null means unbounded.
 */
public record KeyRange(List<String> lower, List<String> upper) {

    public static final KeyRange ALL = new KeyRange(null, null);

    public KeyRange {
        lower = lower == null ? null : List.copyOf(lower);
        upper = upper == null ? null : List.copyOf(upper);
    }
}
