package dev.driftguard.pg;

import java.util.ArrayList;
import java.util.List;

/** The one place identifiers are quoted for PostgreSQL SQL text, and lists of (quoted) identifiers split. */
public final class PgIdentifiers {

    private PgIdentifiers() {}

    /**
     * Quotes one identifier: {@code a"b} becomes {@code "a""b"}. Always quoted, so mixed case, spaces, quotes and
     * semicolons are kept literally and can never end the identifier early.
     *
     * @throws IllegalArgumentException for null, empty, or NUL-containing names, which PostgreSQL cannot hold
     */
    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid PostgreSQL identifier '" + identifier
                    + "': identifiers are non-empty and cannot contain NUL characters");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * Splits a list such as {@code public.orders, "Sales"."a,b"} at every {@code separator} outside double-quoted
     * identifiers; parts are trimmed, empty parts dropped.
     */
    public static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                addIfNotBlank(parts, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        addIfNotBlank(parts, current);
        return parts;
    }

    private static void addIfNotBlank(List<String> parts, StringBuilder part) {
        String trimmed = part.toString().trim();
        if (!trimmed.isEmpty()) {
            parts.add(trimmed);
        }
    }
}
