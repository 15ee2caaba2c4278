package dev.driftguard.compare.audit;

import dev.driftguard.audit.AuditStore;
import dev.driftguard.pg.DatabaseAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The run's own connection to the audit store: statements with their failures worded by {@link AuditStore#failure}. */
final class AuditWrites {

    /** Work inside one transaction. */
    @FunctionalInterface
    interface Transaction {
        void run(Connection connection) throws SQLException;
    }

    private final AuditStore store;
    private final Connection connection;

    AuditWrites(AuditStore store) {
        this.store = store;
        this.connection = store.connection();
    }

    Connection connection() {
        return connection;
    }

    /** Runs one statement; null parameters are bound as typeless NULLs. */
    void execute(String what, String sql, Object... params) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] == null) {
                    ps.setNull(i + 1, Types.OTHER);
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    void inTransaction(String what, Transaction work) {
        try {
            connection.setAutoCommit(false);
            work.run(connection);
            connection.commit();
        } catch (SQLException e) {
            rollback(e);
            throw failure(what, e);
        } finally {
            autoCommit();
        }
    }

    DatabaseAccessException failure(String what, SQLException e) {
        return store.failure(what, e);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private void rollback(SQLException cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void autoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw failure("reset auto-commit", e);
        }
    }

    void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close the connection", e);
        }
    }
}
