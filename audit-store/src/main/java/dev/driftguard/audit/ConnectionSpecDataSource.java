package dev.driftguard.audit;

import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.pg.DatabaseAccessException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A {@link DataSource} view of a {@link ConnectionSpec}, for libraries that want one (Flyway). No pooling. */
final class ConnectionSpecDataSource implements DataSource {

    private final ConnectionSpec spec;

    ConnectionSpecDataSource(ConnectionSpec spec) {
        this.spec = spec;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return spec.connect();
        } catch (DatabaseAccessException e) {
            throw (SQLException) e.getCause();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials come from the connection string " + spec);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // DriverManager-style log writers are not used; pgjdbc logs through java.util.logging.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // The connect timeout is part of the connection string (connect_timeout).
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return spec.toString();
    }
}
