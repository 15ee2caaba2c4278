package dev.driftguard.compare;

import dev.driftguard.row.TableId;
import java.util.List;
import java.util.Objects;

/**
 * A table named on the command line: {@code schema.table}, or {@code table} alone, which means that table in every
 * compared schema. Parts may be double-quoted ({@code "My Schema"."t.x"}); unquoted parts fold to lower case.
 *
 * @param schema null when the name had no schema
 */
public record TableRef(String schema, String name) {

    public TableRef {
        Objects.requireNonNull(name, "name");
    }

    /** Parses {@code text}; {@code option} names the command-line option in error messages. */
    public static TableRef parse(String text, String option) {
        List<String> parts = split(text, option);
        return switch (parts.size()) {
            case 1 -> new TableRef(null, parts.get(0));
            case 2 -> new TableRef(parts.get(0), parts.get(1));
            default ->
                throw new IllegalArgumentException(option + " '" + text + "': expected schema.table or table, got "
                        + parts.size() + " dot-separated parts");
        };
    }

    static List<String> split(String text, String option) {
        try {
            return TableId.splitQualifiedName(text.trim(), option);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public boolean matches(TableId table) {
        return name.equals(table.name()) && (schema == null || schema.equals(table.schema()));
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
