package dev.driftguard.pg;

import java.sql.SQLException;

/** The one place that decides, by SQLState, whether a PostgreSQL error is worth retrying and what to tell the user. */
public final class PgErrors {

    /** What a caller should do with an error. */
    public enum Kind {
        /** Connection loss, failover, serialization failure, deadlock, server starting or shutting down. */
        RETRIABLE,
        /** Wrong credentials, missing objects, privileges, bad SQL or data: retrying cannot help. */
        PERMANENT
    }

    private PgErrors() {}

    public static Kind classify(SQLException e) {
        String state = sqlState(e);
        if (state == null || isPasswordMissing(e)) {
            return Kind.PERMANENT;
        }
        if (state.startsWith("08") // connection exception
                || state.equals("40001") // serialization_failure
                || state.equals("40P01") // deadlock_detected
                || state.startsWith("53") // insufficient resources (too many connections, out of memory)
                || state.equals("55P03") // lock_not_available
                || state.equals("57P01") // admin_shutdown (e.g. failover, restart)
                || state.equals("57P02") // crash_shutdown
                || state.equals("57P03") // cannot_connect_now (starting up, recovery)
                || state.equals("57014") // query_canceled (statement_timeout): worth one more try
                || state.equals("25006")) { // read_only_sql_transaction: a fenced or replica primary during failover
            return Kind.RETRIABLE;
        }
        return Kind.PERMANENT;
    }

    /**
     * The server asked for a password and none was given. pgjdbc reports it as a rejected connection (SQLState 08004),
     * like a connection failure, but no retry can supply the password.
     */
    public static boolean isPasswordMissing(SQLException e) {
        for (SQLException cur = e; cur != null; cur = cur.getNextException()) {
            if ("08004".equals(cur.getSQLState())
                    && cur.getMessage() != null
                    && cur.getMessage().contains("no password was provided")) {
                return true;
            }
        }
        return false;
    }

    /** The connection to the server is gone (SQLState class 08): reconnecting may help. */
    public static boolean isConnectionLost(SQLException e) {
        String state = sqlState(e);
        return state != null && state.startsWith("08");
    }

    /**
     * A write in a read-only transaction (SQLState 25006). Retriable in general (a fenced primary during failover), but
     * not for a session that is read-only by design: there a write stays one however often it is tried.
     */
    public static boolean isReadOnlyTransaction(SQLException e) {
        return "25006".equals(sqlState(e));
    }

    /** The server's message and what to do about it: {@code "<message> — <hint>"}, for an error that names the fix. */
    public static String explain(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message + " — " + hint(e);
    }

    /** A short "what to do" for the most common permanent errors. */
    public static String hint(SQLException e) {
        String state = sqlState(e);
        if (state == null) {
            return "check the connection string";
        }
        if (isPasswordMissing(e)) {
            return "the server asks for a password and none was given: put it in the URI"
                    + " (postgresql://user:PASSWORD@host:port/db, with @ : / ? # % percent-encoded), in PGPASSWORD"
                    + " or in ~/.pgpass (host:port:database:user:password)";
        }
        return switch (state) {
            case "28P01" -> "the password is wrong for this user: correct it in the URI, PGPASSWORD or ~/.pgpass";
            case "28000" -> "check the user and password (in the URI, PGPASSWORD or ~/.pgpass) and pg_hba.conf";
            case "3D000" -> "the database does not exist: check the database name in the connection string";
            case "42501" -> "the user lacks a privilege: grant it, or connect as a user that has it";
            case "53300" -> "the server has no free connection slots: lower --threads or raise max_connections";
            case "57P03" -> "the server is starting up or in recovery: retry in a moment";
            default ->
                state.startsWith("08")
                        ? "the server is unreachable: check host, port, sslmode and that PostgreSQL is running"
                        : "SQLState " + state;
        };
    }

    private static String sqlState(SQLException e) {
        for (SQLException cur = e; cur != null; cur = cur.getNextException()) {
            if (cur.getSQLState() != null) {
                return cur.getSQLState();
            }
        }
        return null;
    }
}
