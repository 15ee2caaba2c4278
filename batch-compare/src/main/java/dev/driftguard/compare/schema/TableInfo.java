package dev.driftguard.compare.schema;

import dev.driftguard.row.TableId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A table as one side's catalog describes it.
 *
 * @param estimatedRows the planner's row estimate ({@code pg_class.reltuples}); negative when never analyzed
 * @param pages the table's size in pages ({@code pg_class.relpages}), 0 when unknown
 */
public record TableInfo(
        TableId id, double estimatedRows, long pages, List<ColumnInfo> columns, List<IndexInfo> indexes) {

    public TableInfo {
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
    }

    public Optional<ColumnInfo> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * The columns that identify a row: the primary key, else the unique index (valid, no predicate, no expressions)
     * with the fewest columns, all NOT NULL; the index name breaks ties.
     */
    public Optional<List<String>> rowIdentity() {
        Optional<IndexInfo> primary =
                indexes.stream().filter(IndexInfo::primary).findFirst();
        if (primary.isPresent()) {
            return primary.map(IndexInfo::columns);
        }
        return indexes.stream()
                .filter(IndexInfo::uniqueKey)
                .filter(i -> i.columns().stream()
                        .allMatch(c -> column(c).map(ColumnInfo::notNull).orElse(false)))
                .min(Comparator.comparingInt((IndexInfo i) -> i.columns().size())
                        .thenComparing(IndexInfo::name))
                .map(IndexInfo::columns);
    }

    /**
     * Whether a btree index starts with {@code keyColumns} (in order) and, for each column that needs one, has the
     * given collation (null = any): then key-range predicates on those columns can use it.
     */
    public boolean hasRangeIndex(List<String> keyColumns, List<String> requiredCollations) {
        for (IndexInfo index : indexes) {
            if (!index.btree() || index.columns().size() < keyColumns.size()) {
                continue;
            }
            boolean usable = true;
            for (int i = 0; i < keyColumns.size() && usable; i++) {
                String required = requiredCollations.get(i);
                usable = index.columns().get(i).equals(keyColumns.get(i))
                        && (required == null
                                || required.equals(index.collations().get(i)));
            }
            if (usable) {
                return true;
            }
        }
        return false;
    }
}
