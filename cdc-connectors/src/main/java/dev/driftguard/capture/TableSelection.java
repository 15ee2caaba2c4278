package dev.driftguard.capture;

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
        for (String part : splitOutsideQuotes(commaSeparated)) {
            if (!part.isBlank()) {
                tables.add(TableId.parse(part.trim()));
            }
        }
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("--tables '" + commaSeparated + "' names no table");
        }
        return tables(tables);
    }

    public boolean isSchema() {
        return schema != null;
    }

    static List<String> splitOutsideQuotes(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    @Override
    public String toString() {
        return isSchema() ? "schema " + schema : "tables " + tables;
    }
}
