package dev.driftguard.pg;

import java.sql.SQLException;

/**
 * A database operation failed. Carries the SQLState and whether retrying can help ({@link PgErrors#classify}), so
 * callers decide on retry without parsing messages.
 */
public class DatabaseAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;
    private final PgErrors.Kind kind;

    public DatabaseAccessException(String message, SQLException cause) {
        super(message, cause);
        this.sqlState = cause.getSQLState();
        this.kind = PgErrors.classify(cause);
    }

    public String sqlState() {
        return sqlState;
    }

    public PgErrors.Kind kind() {
        return kind;
    }

    public boolean isRetriable() {
        return kind == PgErrors.Kind.RETRIABLE;
    }
}
