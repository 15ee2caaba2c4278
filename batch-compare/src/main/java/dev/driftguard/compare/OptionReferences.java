package dev.driftguard.compare;

import dev.driftguard.avro.Side;
import dev.driftguard.compare.schema.ColumnInfo;
import dev.driftguard.compare.schema.TableInfo;
import dev.driftguard.row.TableId;
import dev.driftguard.row.TableRules;
import java.util.Collection;
import java.util.Map;

/**
 * Checks that what --tables, --exclude-columns, --key and --where name exists, so that a typo is an error rather than
 * a silently different comparison.
 */
final class OptionReferences {

    private OptionReferences() {}

    /**
     * @throws IllegalArgumentException naming the option and the value that matches nothing
     */
    static void check(
            CompareOptions options,
            Collection<TableId> selected,
            Map<TableId, TableInfo> source,
            Map<TableId, TableInfo> target) {
        for (TableRef ref : options.scope().tables()) {
            if (selected.stream().noneMatch(ref::matches)) {
                throw new IllegalArgumentException("--tables " + ref + ": no such table in schema(s) "
                        + String.join(", ", options.scope().schemas()) + " on the source or the target"
                        + " (names are case-sensitive when quoted; give schema.table for other schemas)");
            }
        }
        for (CompareScope.KeyOverride key : options.scope().keyOverrides()) {
            requireTable("--key", key.table(), selected);
        }
        for (CompareScope.RowFilter filter : options.scope().rowFilters()) {
            requireTable("--where", filter.table(), selected);
        }
        for (CompareScope.ExcludedColumn excluded : options.scope().excludedColumns()) {
            requireTable("--exclude-columns", excluded.table(), selected);
            boolean exists = selected.stream()
                    .filter(excluded.table()::matches)
                    .anyMatch(t -> hasColumn(
                                    source.get(t),
                                    Side.SOURCE,
                                    excluded.column(),
                                    options.scope().rulesFor(t))
                            || hasColumn(
                                    target.get(t),
                                    Side.TARGET,
                                    excluded.column(),
                                    options.scope().rulesFor(t)));
            if (!exists) {
                throw new IllegalArgumentException("--exclude-columns " + excluded.table() + "." + excluded.column()
                        + ": the table has no column \"" + excluded.column() + "\" on either side");
            }
        }
    }

    private static void requireTable(String option, TableRef ref, Collection<TableId> selected) {
        if (selected.stream().noneMatch(ref::matches)) {
            throw new IllegalArgumentException(option + " names table " + ref
                    + ", which is not compared (no such table in the compared schemas, or left out by --tables)");
        }
    }

    private static boolean hasColumn(TableInfo table, Side side, String canonical, TableRules rules) {
        if (table == null) {
            return false;
        }
        for (ColumnInfo column : table.columns()) {
            if (rules.canonicalName(side, column.name()).equals(canonical)) {
                return true;
            }
        }
        return false;
    }
}
