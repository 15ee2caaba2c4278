package dev.driftguard.row;

import java.util.List;
import java.util.Objects;

/** A column of a table, as named on the command line: {@code schema.table.column} or {@code table.column}. */
public record ColumnRef(TableId table, String column) {

    public ColumnRef {
        Objects.requireNonNull(table, "table");
        if (column == null || column.isEmpty()) {
            throw new IllegalArgumentException("column of " + table + " must be a non-empty name");
        }
    }

    /**
     * Parses {@code schema.table.column} or {@code table.column} (schema {@code public}); parts may be double-quoted
     * ({@code "My Schema"."t"."c.x"}), unquoted parts fold to lower case.
     */
    public static ColumnRef parse(String text) {
        Objects.requireNonNull(text, "column reference");
        List<String> parts = TableId.splitQualifiedName(text, "column reference");
        return switch (parts.size()) {
            case 2 -> new ColumnRef(new TableId("public", parts.get(0)), parts.get(1));
            case 3 -> new ColumnRef(new TableId(parts.get(0), parts.get(1)), parts.get(2));
            default ->
                throw new IllegalArgumentException("column reference '" + text + "' has " + parts.size()
                        + " dot-separated parts; expected schema.table.column or table.column");
        };
    }

    @Override
    public String toString() {
        return table + "." + column;
    }
}
