package dev.driftguard.compare.schema;

import dev.driftguard.avro.Side;
import dev.driftguard.compare.SchemaDifference;
import dev.driftguard.row.TableId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one table is compared: the canonical columns both sides have (sorted by name), the key (in key order, a subset
 * of the columns), the row filter and the schema differences found while mapping.
 */
public record TableMapping(
        TableId table,
        TableInfo source,
        TableInfo target,
        List<MappedColumn> columns,
        List<MappedColumn> key,
        List<SchemaDifference> schemaDifferences,
        Optional<String> rowFilter) {

    public TableMapping {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        columns = List.copyOf(columns);
        key = List.copyOf(key);
        schemaDifferences = List.copyOf(schemaDifferences);
        Objects.requireNonNull(rowFilter, "rowFilter");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("table " + table + " needs at least one key column");
        }
    }

    public TableInfo on(Side side) {
        return side == Side.SOURCE ? source : target;
    }

    public List<String> keyNames() {
        return key.stream().map(MappedColumn::name).toList();
    }

    public List<String> columnNames() {
        return columns.stream().map(MappedColumn::name).toList();
    }

    /** The larger side's row estimate, 0 when neither was ever analyzed. */
    public double estimatedRows() {
        return Math.max(Math.max(source.estimatedRows(), target.estimatedRows()), 0);
    }
}
