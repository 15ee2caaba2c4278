package dev.driftguard.compare.exec;

import dev.driftguard.avro.Side;
import dev.driftguard.pg.ConnectionSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One connection to each side, opened on first use and reopened after a failure. Used by one task at a time. */
final class ConnectionPair implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPair.class);

    private final ConnectionSpec source;
    private final ConnectionSpec target;
    private final Duration statementTimeout;
    private Connection sourceConnection;
    private Connection targetConnection;

    ConnectionPair(ConnectionSpec source, ConnectionSpec target, Duration statementTimeout) {
        this.source = source;
        this.target = target;
        this.statementTimeout = statementTimeout;
    }

    synchronized Connection connection(Side side) {
        if (side == Side.SOURCE) {
            if (sourceConnection == null) {
                sourceConnection = SessionSettings.open(source, statementTimeout);
            }
            return sourceConnection;
        }
        if (targetConnection == null) {
            targetConnection = SessionSettings.open(target, statementTimeout);
        }
        return targetConnection;
    }

    /** Ends the side's transaction after a failure; a connection that cannot even do that is dropped. */
    synchronized void recover(Side side) {
        Connection c = side == Side.SOURCE ? sourceConnection : targetConnection;
        if (c == null) {
            return;
        }
        try {
            if (!c.isClosed()) {
                c.rollback();
                return;
            }
        } catch (SQLException e) {
            LOG.debug("{} connection is unusable after a failure, reconnecting: {}", side, e.getMessage());
        }
        discard(side);
    }

    synchronized void discard(Side side) {
        Connection c = side == Side.SOURCE ? sourceConnection : targetConnection;
        if (side == Side.SOURCE) {
            sourceConnection = null;
        } else {
            targetConnection = null;
        }
        closeQuietly(c, side);
    }

    private static void closeQuietly(Connection c, Side side) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing the {} connection failed: {}", side, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        discard(Side.SOURCE);
        discard(Side.TARGET);
    }
}
