package dev.driftguard.row;

import dev.driftguard.pg.PgIdentifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A table's identity: schema and name exactly as stored in the catalog (case preserved, not quoted). */
public record TableId(String schema, String name) implements Comparable<TableId> {

    public TableId {
        requireIdentifier(schema, "schema");
        requireIdentifier(name, "table name");
    }

    /** {@code "schema"."name"} with embedded double quotes doubled; always quoted, so safe to splice into SQL. */
    public String quoted() {
        return quoteIdentifier(schema) + "." + quoteIdentifier(name);
    }

    /** Quotes one identifier for PostgreSQL: {@code a"b} becomes {@code "a""b"}. */
    public static String quoteIdentifier(String identifier) {
        requireIdentifier(identifier, "identifier");
        return PgIdentifiers.quote(identifier);
    }

    /**
     * Parses {@code s.t}, {@code "S"."t.x"} or {@code t} (schema {@code public}). Unquoted parts are folded to lower
     * case as PostgreSQL does; quoted parts are taken literally ({@code ""} inside quotes is one quote).
     */
    public static TableId parse(String text) {
        Objects.requireNonNull(text, "table name");
        List<String> parts = splitQualifiedName(text, "table name");
        return switch (parts.size()) {
            case 1 -> new TableId("public", parts.get(0));
            case 2 -> new TableId(parts.get(0), parts.get(1));
            default ->
                throw new IllegalArgumentException("table name '" + text + "' has " + parts.size()
                        + " dot-separated parts; expected schema.table or table");
        };
    }

    /**
     * Splits a dot-separated, optionally double-quoted qualified name ({@code a."B.c".d}) into its parts, folding
     * unquoted parts to lower case, as PostgreSQL does. {@code what} names the input in error messages (e.g. the
     * command-line option).
     *
     * <p>One piece on purpose: a single-pass scanner whose position and quoting state are shared by every branch;
     * split into methods, that state would have to travel between them.
     */
    public static List<String> splitQualifiedName(String text, String what) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            StringBuilder part = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = text.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            part.append('"');
                            i += 2;
                        } else {
                            i++;
                            closed = true;
                            break;
                        }
                    } else {
                        part.append(c);
                        i++;
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException(what + " '" + text + "' has an unterminated double quote");
                }
            } else {
                while (i < n && text.charAt(i) != '.') {
                    char c = text.charAt(i);
                    if (c == '"' || Character.isWhitespace(c)) {
                        throw new IllegalArgumentException(what + " '" + text + "' has an unexpected character '" + c
                                + "' at position " + i + "; quote names that contain it: \"name\"");
                    }
                    part.append(c);
                    i++;
                }
                part = new StringBuilder(part.toString().toLowerCase(java.util.Locale.ROOT));
            }
            if (part.isEmpty()) {
                throw new IllegalArgumentException(what + " '" + text + "' has an empty part");
            }
            parts.add(part.toString());
            if (i == n) {
                return parts;
            }
            if (text.charAt(i) != '.') {
                throw new IllegalArgumentException(
                        what + " '" + text + "' has an unexpected character '" + text.charAt(i) + "' at position " + i);
            }
            i++;
            if (i == n) {
                throw new IllegalArgumentException(what + " '" + text + "' ends with a dot");
            }
        }
    }

    private static void requireIdentifier(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(
                    what + " must be a non-empty identifier, got " + (value == null ? "null" : "''"));
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " '" + value.replace("\0", "\\0") + "' contains a NUL character");
        }
    }

    @Override
    public int compareTo(TableId other) {
        int c = schema.compareTo(other.schema);
        return c != 0 ? c : name.compareTo(other.name);
    }

    /** Display form {@code schema.name} (not quoted; use {@link #quoted()} for SQL). */
    @Override
    public String toString() {
        return schema + "." + name;
    }
}
