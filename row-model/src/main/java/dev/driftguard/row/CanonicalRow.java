package dev.driftguard.row;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable row in canonical form: canonical column name to {@link CanonicalValue}, iterated in column-name order
 * ({@link String#compareTo}, i.e. UTF-16 code unit order; see CANONICAL.md for the SQL side's matching order).
 */
public final class CanonicalRow {

    private final SortedMap<String, CanonicalValue> columns;

    private CanonicalRow(SortedMap<String, CanonicalValue> columns) {
        this.columns = Collections.unmodifiableSortedMap(columns);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The column's value, or null when the row has no such column. */
    public CanonicalValue get(String column) {
        return columns.get(column);
    }

    /** Columns in canonical name order. */
    public SortedMap<String, CanonicalValue> columns() {
        return columns;
    }

    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    public boolean hasUnknown() {
        return columns.values().stream().anyMatch(CanonicalValue::isUnknown);
    }

    /**
     * The row text the hash is computed over: for each column in name order, {@code N} for NULL or {@code
     * <length>:<text>} where length counts Unicode code points; no separators. Collision-safe: every value's extent
     * is determined by its prefix.
     *
     * @throws IllegalStateException if a column is UNKNOWN (the row hash is then undefined)
     */
    public String encodedText() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, CanonicalValue> column : columns.entrySet()) {
            CanonicalValue value = column.getValue();
            if (value.isUnknown()) {
                throw new IllegalStateException(
                        "column \"" + column.getKey()
                                + "\" is UNKNOWN (unchanged TOAST value), so the row has no defined hash; check hasUnknown() first");
            }
            if (value.isNull()) {
                out.append('N');
            } else {
                String text = value.text();
                out.append(text.codePointCount(0, text.length())).append(':').append(text);
            }
        }
        return out.toString();
    }

    /** SHA-256 over the UTF-8 bytes of {@link #encodedText()}, first 128 bits. */
    public RowHash hash() {
        return RowHash.of(encodedText());
    }

    /**
     * Columns whose values are known to differ, in name order: UNKNOWN on either side never differs; a column present
     * in only one of the rows always differs.
     */
    public List<String> differingColumns(CanonicalRow other) {
        TreeSet<String> names = new TreeSet<>(columns.keySet());
        names.addAll(other.columns.keySet());
        List<String> differing = new ArrayList<>();
        for (String name : names) {
            CanonicalValue mine = columns.get(name);
            CanonicalValue theirs = other.columns.get(name);
            if (mine == null || theirs == null || mine.differsFrom(theirs)) {
                differing.add(name);
            }
        }
        return differing;
    }

    /**
     * A row with {@code other}'s known values filled in where this row is UNKNOWN (Debezium's unchanged TOAST: the
     * previous version's value still holds). Columns this row lacks are not added.
     */
    public CanonicalRow withUnknownFrom(CanonicalRow other) {
        TreeMap<String, CanonicalValue> merged = new TreeMap<>(columns);
        merged.replaceAll((name, value) -> {
            CanonicalValue previous = other.columns.get(name);
            return value.isUnknown() && previous != null ? previous : value;
        });
        return new CanonicalRow(merged);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanonicalRow other && columns.equals(other.columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return columns.toString();
    }

    /** Collects columns; a column set twice is an error (it would silently hide a rename collision). */
    public static final class Builder {
        private final TreeMap<String, CanonicalValue> columns = new TreeMap<>();

        private Builder() {}

        public Builder put(String column, CanonicalValue value) {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(value, "value of column \"" + column + "\" (use CanonicalValue.NULL)");
            if (columns.putIfAbsent(column, value) != null) {
                throw new IllegalArgumentException("column \"" + column
                        + "\" is set twice; two columns map to the same canonical name (check the rename rules)");
            }
            return this;
        }

        public Builder present(String column, String text) {
            return put(column, CanonicalValue.present(text));
        }

        public Builder nullValue(String column) {
            return put(column, CanonicalValue.NULL);
        }

        public Builder unknown(String column) {
            return put(column, CanonicalValue.UNKNOWN);
        }

        public CanonicalRow build() {
            return new CanonicalRow(new TreeMap<>(columns));
        }
    }
}
