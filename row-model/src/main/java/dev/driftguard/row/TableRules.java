package dev.driftguard.row;

import dev.driftguard.avro.Side;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Per-table comparison rules: which canonical columns take part (include list, empty = all; exclude list), how each
 * side's physical column names map to canonical names (renames; unmapped columns keep their name), and an optional
 * key-column override (canonical names) for tables without a usable primary key.
 */
public final class TableRules {

    private final TableId table;
    private final Set<String> include;
    private final Set<String> exclude;
    private final Map<Side, Map<String, String>> renames;
    private final List<String> keyColumnsOverride;

    private TableRules(Builder builder) {
        this.table = builder.table;
        this.include = Set.copyOf(builder.include);
        this.exclude = Set.copyOf(builder.exclude);
        EnumMap<Side, Map<String, String>> copy = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            copy.put(side, Map.copyOf(builder.renames.getOrDefault(side, Map.of())));
        }
        this.renames = copy;
        this.keyColumnsOverride = List.copyOf(builder.keyColumnsOverride);
    }

    /** No rules: every column, no renames, the table's primary key. */
    public static TableRules none(TableId table) {
        return builder(table).build();
    }

    public static Builder builder(TableId table) {
        return new Builder(table);
    }

    public TableId table() {
        return table;
    }

    /** The canonical name of {@code side}'s physical column {@code column}. */
    public String canonicalName(Side side, String column) {
        return renames.get(side).getOrDefault(column, column);
    }

    /** The physical column of {@code side} holding {@code canonicalColumn} (inverse of {@link #canonicalName}). */
    public String physicalName(Side side, String canonicalColumn) {
        for (Map.Entry<String, String> rename : renames.get(side).entrySet()) {
            if (rename.getValue().equals(canonicalColumn)) {
                return rename.getKey();
            }
        }
        if (renames.get(side).containsKey(canonicalColumn)) {
            throw new IllegalArgumentException("canonical column \"" + canonicalColumn + "\" of " + table + " has no "
                    + side + " column: that side's \"" + canonicalColumn + "\" is renamed to \""
                    + renames.get(side).get(canonicalColumn) + "\"");
        }
        return canonicalColumn;
    }

    /** Whether the canonical column takes part in comparison (in the include list if there is one, not excluded). */
    public boolean includes(String canonicalColumn) {
        return (include.isEmpty() || include.contains(canonicalColumn)) && !exclude.contains(canonicalColumn);
    }

    public Set<String> includedColumns() {
        return include;
    }

    public Set<String> excludedColumns() {
        return exclude;
    }

    public Map<String, String> renames(Side side) {
        return renames.get(side);
    }

    /** Declared key columns (canonical names, key order); empty when the table's primary key is used. */
    public List<String> keyColumnsOverride() {
        return keyColumnsOverride;
    }

    @Override
    public String toString() {
        return "TableRules{" + table + ", include=" + include + ", exclude=" + exclude + ", renames=" + renames
                + ", keyColumnsOverride=" + keyColumnsOverride + "}";
    }

    /** Collects rules; {@link #build()} validates them together. */
    public static final class Builder {
        private final TableId table;
        private final Set<String> include = new LinkedHashSet<>();
        private final Set<String> exclude = new LinkedHashSet<>();
        private final Map<Side, Map<String, String>> renames = new EnumMap<>(Side.class);
        private List<String> keyColumnsOverride = List.of();

        private Builder(TableId table) {
            this.table = Objects.requireNonNull(table, "table");
        }

        /** Compare only these canonical columns (plus nothing else); may be called repeatedly. */
        public Builder include(String... canonicalColumns) {
            include.addAll(List.of(canonicalColumns));
            return this;
        }

        public Builder exclude(String... canonicalColumns) {
            exclude.addAll(List.of(canonicalColumns));
            return this;
        }

        /** {@code side}'s physical column {@code column} holds canonical column {@code canonicalName}. */
        public Builder rename(Side side, String column, String canonicalName) {
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(canonicalName, "canonicalName");
            String previous =
                    renames.computeIfAbsent(side, s -> new HashMap<>()).putIfAbsent(column, canonicalName);
            if (previous != null && !previous.equals(canonicalName)) {
                throw new IllegalArgumentException("table " + table + ": " + side + " column \"" + column
                        + "\" is renamed twice, to \"" + previous + "\" and to \"" + canonicalName + "\"");
            }
            return this;
        }

        public Builder keyColumns(List<String> canonicalColumns) {
            this.keyColumnsOverride = List.copyOf(canonicalColumns);
            return this;
        }

        public TableRules build() {
            for (String column : include) {
                if (exclude.contains(column)) {
                    throw new IllegalArgumentException(
                            "table " + table + ": column \"" + column + "\" is both included and excluded");
                }
            }
            for (Map.Entry<Side, Map<String, String>> side : renames.entrySet()) {
                Map<String, String> byCanonical = new HashMap<>();
                for (Map.Entry<String, String> rename : side.getValue().entrySet()) {
                    String other = byCanonical.putIfAbsent(rename.getValue(), rename.getKey());
                    if (other != null) {
                        throw new IllegalArgumentException("table " + table + ": " + side.getKey() + " columns \""
                                + other + "\" and \"" + rename.getKey() + "\" are both renamed to \""
                                + rename.getValue() + "\"");
                    }
                }
            }
            if (new LinkedHashSet<>(keyColumnsOverride).size() != keyColumnsOverride.size()) {
                throw new IllegalArgumentException(
                        "table " + table + ": key columns " + keyColumnsOverride + " name a column twice");
            }
            for (String key : keyColumnsOverride) {
                if (exclude.contains(key) || (!include.isEmpty() && !include.contains(key))) {
                    throw new IllegalArgumentException("table " + table + ": key column \"" + key
                            + "\" is excluded from comparison; a key column must be compared");
                }
            }
            return new TableRules(this);
        }
    }
}
