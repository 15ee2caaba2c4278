package dev.driftguard.pg;

/** The one place identifiers are quoted for PostgreSQL SQL text. */
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
}
