package dev.driftguard.row;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** SQL-side counterparts of {@link CanonicalRow}: session settings and the row-text expression. */
public final class CanonicalSql {

    /**
     * Statements every connection that computes or reads canonical text runs first ({@link #applySessionSettings}).
     * The SQL expressions themselves depend only on DateStyle (date and timestamp text; pgjdbc refuses any DateStyle
     * but ISO anyway); the others make values read through pgjdbc exact for the Java side: TimeZone UTC (java.sql
     * Timestamp of timestamptz before 1582), IntervalStyle postgres (PGInterval parses it), extra_float_digits 1
     * (shortest exact float text in arrays), bytea_output hex (bytea array elements).
     */
    public static final List<String> SESSION_SETTINGS = List.of(
            "SET DateStyle = 'ISO, YMD'",
            "SET IntervalStyle = 'postgres'",
            "SET TimeZone = 'UTC'",
            "SET extra_float_digits = 1",
            "SET bytea_output = 'hex'");

    private CanonicalSql() {}

    /** Runs {@link #SESSION_SETTINGS} on {@code connection}. */
    public static void applySessionSettings(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String setting : SESSION_SETTINGS) {
                statement.execute(setting);
            }
        }
    }

    /**
     * SQL yielding {@link CanonicalRow#encodedText()} for a row: columns sorted by canonical name (Java {@link
     * String#compareTo}, as the Java side), each {@code coalesce(length(e) || ':' || e, 'N')}, concatenated.
     */
    public static String rowTextExpression(List<ColumnExpr> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a row text needs at least one column");
        }
        List<ColumnExpr> sorted = new ArrayList<>(columns);
        sorted.sort(Comparator.comparing(ColumnExpr::canonicalName));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).canonicalName().equals(sorted.get(i - 1).canonicalName())) {
                throw new IllegalArgumentException(
                        "canonical column \"" + sorted.get(i).canonicalName() + "\" appears twice in the row text");
            }
        }
        List<String> parts = new ArrayList<>();
        for (ColumnExpr column : sorted) {
            String e = "(" + column.sqlExpression() + ")";
            parts.add("coalesce(length(" + e + ")::text || ':' || " + e + ", 'N')");
        }
        return "(" + String.join(" || ", parts) + ")";
    }

    /** SQL for {@link RowHash#high()} of the row ({@code bigint}): first 8 bytes of SHA-256 over the row text. */
    public static String rowHash64Expression(List<ColumnExpr> columns) {
        return hash64Expression(rowTextExpression(columns));
    }

    /** SQL for the 16-byte {@link RowHash} of the row ({@code bytea}). */
    public static String rowHashExpression(List<ColumnExpr> columns) {
        return "substring(sha256(convert_to(" + rowTextExpression(columns) + ", 'UTF8')) from 1 for 16)";
    }

    /**
     * SQL for {@link RowHash#hash64(String)} of a text expression ({@code bigint}, NULL for NULL): the 64-bit value hash
     * of {@code ColumnValue.hash}.
     */
    public static String hash64Expression(String textExpression) {
        return "('x' || substr(encode(sha256(convert_to(" + textExpression
                + ", 'UTF8')), 'hex'), 1, 16))::bit(64)::bigint";
    }
}
