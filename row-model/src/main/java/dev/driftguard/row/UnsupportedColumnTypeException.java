package dev.driftguard.row;

/** A column whose type driftguard cannot canonicalize; the message names table, column, type and the fix. */
public final class UnsupportedColumnTypeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final TableId table;
    private final String column;
    private final String typeName;

    public UnsupportedColumnTypeException(TableId table, String column, String typeName) {
        super("table " + table + " column \"" + column + "\" has type \"" + typeName
                + "\", which driftguard cannot compare; exclude it with --exclude-columns " + table + "." + column
                + " or declare a rule");
        this.table = table;
        this.column = column;
        this.typeName = typeName;
    }

    public TableId table() {
        return table;
    }

    public String column() {
        return column;
    }

    public String typeName() {
        return typeName;
    }
}
