package dev.driftguard.compare.exec;

import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.pg.DatabaseAccessException;
import dev.driftguard.pg.PgErrors;
import dev.driftguard.row.CanonicalSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Opens connections to a compared database, set up for comparing and unable to write. */
public final class SessionSettings {

    public static final String APPLICATION_NAME = "driftguard-compare";

    private SessionSettings() {}

    /**
     * Connects and sets the session up: application name, canonical-text settings, read-only transactions, a statement
     * timeout, no JIT (compiling each segment's query costs more than it saves), no sort-based grouping (bucket
     * checksums aggregate fastest in a hash table) and generic plans. Transactions are explicit (auto-commit off), which also lets
     * large results stream in batches.
     */
    public static Connection open(ConnectionSpec spec, Duration statementTimeout) {
        // Server-side prepared statements from the first use, planned once (a segment query is the same statement
        // with other key bounds): re-planning its long row-hash expression for every segment costs milliseconds.
        Connection connection = spec.withProperty("prepareThreshold", "1").connect();
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("SET application_name = '" + APPLICATION_NAME + "'");
                s.execute("SET default_transaction_read_only = on");
                s.execute("SET statement_timeout = " + statementTimeout.toMillis());
                s.execute("SET jit = off");
                s.execute("SET enable_sort = off");
                s.execute("SET plan_cache_mode = force_generic_plan");
            }
            CanonicalSql.applySessionSettings(connection);
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            return connection;
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw new DatabaseAccessException("cannot set up a session on " + spec + ": " + PgErrors.explain(e), e);
        }
    }
}
