package dev.driftguard.compare.schema;

import java.util.List;

/**
 * An index as the catalog describes it.
 *
 * @param columns key columns in index order (INCLUDE columns left out); shorter than the index when it has
 *     expressions
 * @param collations the collation of each key column (empty when the column type has none)
 * @param uniqueKey unique, valid, immediate, without predicate or expressions: identifies rows (with NOT NULL columns)
 * @param btree a btree index (usable for key ranges)
 */
public record IndexInfo(
        String name, boolean primary, boolean uniqueKey, boolean btree, List<String> columns, List<String> collations) {

    public IndexInfo {
        columns = List.copyOf(columns);
        collations = List.copyOf(collations);
    }
}
