package dev.driftguard.row;

import java.util.Objects;

/** One column of a SQL row-text expression: its canonical name (for ordering) and its canonical-text SQL. */
public record ColumnExpr(String canonicalName, String sqlExpression) {
    public ColumnExpr {
        Objects.requireNonNull(canonicalName, "canonicalName");
        Objects.requireNonNull(sqlExpression, "sqlExpression of column \"" + canonicalName + "\"");
    }
}
