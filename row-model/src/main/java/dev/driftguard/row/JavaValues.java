package dev.driftguard.row;

import org.postgresql.util.PGobject;

/** Small helpers shared by the canonical types for unwrapping and rejecting Java values. */
final class JavaValues {

    private JavaValues() {}

    /** The text of a pgjdbc {@link PGobject} (types pgjdbc has no Java class for), else the value itself. */
    static Object unwrap(Object value) {
        if (value instanceof PGobject object && !(value instanceof org.postgresql.util.PGInterval)) {
            return object.getValue();
        }
        return value;
    }

    static IllegalArgumentException unsupported(String pgType, Object value, String accepted) {
        return new IllegalArgumentException(
                "cannot canonicalize a " + value.getClass().getName() + " as PostgreSQL " + pgType + " (value "
                        + abbreviate(value) + "); accepted: " + accepted);
    }

    static IllegalArgumentException invalid(String pgType, Object value, String why, Throwable cause) {
        return new IllegalArgumentException(
                "invalid PostgreSQL " + pgType + " value " + abbreviate(value) + ": " + why, cause);
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return "'" + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "'";
    }
}
