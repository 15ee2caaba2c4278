package dev.driftguard.compare.schema;

import dev.driftguard.row.ColumnType;
import dev.driftguard.row.TableId;
import java.util.ArrayList;
import java.util.List;

/** Builds catalog descriptions for unit tests. */
public final class Tables {

    private final TableId id;
    private final List<ColumnInfo> columns = new ArrayList<>();
    private final List<IndexInfo> indexes = new ArrayList<>();
    private double rows = 1000;

    private Tables(TableId id) {
        this.id = id;
    }

    public static Tables table(String schema, String name) {
        return new Tables(new TableId(schema, name));
    }

    public Tables column(String name, String type, boolean notNull) {
        columns.add(new ColumnInfo(name, ColumnType.base(type), type, notNull, collation(type), true));
        return this;
    }

    public Tables column(String name, ColumnType type, boolean notNull) {
        columns.add(new ColumnInfo(name, type, type.typeName(), notNull, "", true));
        return this;
    }

    public Tables textColumn(String name, String collation, boolean bytewise) {
        columns.add(new ColumnInfo(name, ColumnType.base("text"), "text", true, collation, bytewise));
        return this;
    }

    public Tables primaryKey(String... names) {
        indexes.add(new IndexInfo(id.name() + "_pkey", true, true, true, List.of(names), collations(names)));
        return this;
    }

    public Tables uniqueIndex(String indexName, String... names) {
        indexes.add(new IndexInfo(indexName, false, true, true, List.of(names), collations(names)));
        return this;
    }

    public Tables rows(double estimate) {
        this.rows = estimate;
        return this;
    }

    private List<String> collations(String... names) {
        List<String> result = new ArrayList<>();
        for (String n : names) {
            result.add(columns.stream()
                    .filter(c -> c.name().equals(n))
                    .findFirst()
                    .map(ColumnInfo::collation)
                    .orElse(""));
        }
        return result;
    }

    private static String collation(String type) {
        return type.equals("text") || type.equals("varchar") || type.equals("bpchar") ? "C" : "";
    }

    public TableInfo build() {
        return new TableInfo(id, rows, (long) (rows / 50), columns, indexes);
    }
}
