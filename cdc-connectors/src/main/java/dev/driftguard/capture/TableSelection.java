package dev.driftguard.capture;

import dev.driftguard.pg.PgIdentifiers;
import dev.driftguard.row.TableId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Which tables a capture covers: an explicit list ({@code --tables s.t,...}) or every table of one schema
 * ({@code --schema S}), resolved to concrete tables by prepare.
 */
public record TableSelection(List<TableId> tables, String schema) {

    public TableSelection {
        tables = tables == null ? List.of() : List.copyOf(new LinkedHashSet<>(tables));
        if (tables.isEmpty() == (schema == null)) {
            throw new IllegalArgumentException("give either --tables s.t,... or --schema S (exactly one of them)");
        }
        if (schema != null && schema.isBlank()) {
            throw new IllegalArgumentException("--schema must not be empty");
        }
    }

    public static TableSelection tables(List<TableId> tables) {
        return new TableSelection(tables, null);
    }

    public static TableSelection schema(String schema) {
        return new TableSelection(List.of(), Objects.requireNonNull(schema, "schema"));
    }

    /** Parses a comma-separated list such as {@code public.orders,"Sales"."Line items"}. */
    public static TableSelection parseTables(String commaSeparated) {
        List<TableId> tables = new ArrayList<>();
        for (String part : PgIdentifiers.splitOutsideQuotes(commaSeparated, ',')) {
            tables.add(TableId.parse(part));
        }
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("--tables '" + commaSeparated + "' names no table");
        }
        return tables(tables);
    }

    public boolean isSchema() {
        return schema != null;
    }

    @Override
    public String toString() {
        return isSchema() ? "schema " + schema : "tables " + tables;
    }
}
