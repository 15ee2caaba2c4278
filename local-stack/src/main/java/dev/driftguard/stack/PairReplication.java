package dev.driftguard.stack;

import dev.driftguard.pg.Lsn;
import dev.driftguard.pg.PgIdentifiers;
import dev.driftguard.pg.Polling;
import dev.driftguard.stack.PostgresPair.LogicalReplication;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** PostgreSQL's native logical replication of one database from a {@link PostgresPair}'s source to its target. */
record PairReplication(LocalPostgres source, LocalPostgres target, LogicalReplication names) {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresPair.class);
    private static final Duration POLL = Duration.ofMillis(100);

    static PairReplication of(LocalPostgres source, LocalPostgres target, String database) {
        return new PairReplication(source, target, LogicalReplication.forDatabase(database));
    }

    /** A publication for all tables on the source, a subscription to it on the target; each only if missing. */
    LogicalReplication start() {
        String database = names.database();
        try (Connection c = source.connect(database)) {
            if (!exists(c, "SELECT 1 FROM pg_publication WHERE pubname = ?", names.publication())) {
                execute(c, "CREATE PUBLICATION " + PgIdentifiers.quote(names.publication()) + " FOR ALL TABLES");
            }
        } catch (SQLException e) {
            throw new LocalStackException(
                    "cannot create publication " + names.publication() + " in " + source.uri(database), e);
        }
        try (Connection c = target.connect(database)) {
            if (!exists(c, "SELECT 1 FROM pg_subscription WHERE subname = ?", names.subscription())) {
                String conninfo = source.connectionSpec(database).libpqConninfo();
                execute(
                        c,
                        "CREATE SUBSCRIPTION " + PgIdentifiers.quote(names.subscription())
                                + " CONNECTION '" + conninfo.replace("'", "''") + "' PUBLICATION "
                                + PgIdentifiers.quote(names.publication()));
            }
        } catch (SQLException e) {
            throw new LocalStackException(
                    "cannot create subscription " + names.subscription() + " in " + target.uri(database) + " to "
                            + source.uri(database) + ": " + e.getMessage(),
                    e);
        }
        LOG.info("replicating {} from {} to {}", database, source, target);
        return names;
    }

    void refresh() {
        target.execute(
                names.database(),
                "ALTER SUBSCRIPTION " + PgIdentifiers.quote(names.subscription()) + " REFRESH PUBLICATION");
    }

    void stop() {
        target.execute(names.database(), "DROP SUBSCRIPTION IF EXISTS " + PgIdentifiers.quote(names.subscription()));
    }

    /** See {@link PostgresPair#awaitCaughtUp}. */
    void awaitCaughtUp(Duration timeout) {
        String database = names.database();
        try (Connection src = source.connect(database);
                Connection dst = target.connect(database)) {
            // The insert position, not pg_current_wal_lsn(): with synchronous_commit=off a commit that has returned
            // may still sit in the WAL buffers, behind the write position.
            Lsn goal = Lsn.parse(queryString(src, "SELECT pg_current_wal_insert_lsn()::text", null));
            Progress last = new Progress();
            boolean caughtUp =
                    Polling.until(timeout, POLL, () -> last.read(src, dst).reached(goal));
            if (!caughtUp) {
                throw new LocalStackException("replication of " + database + " from " + source + " to " + target
                        + " did not catch up within " + timeout + ": source at " + goal + ", slot " + names.slot()
                        + " confirmed " + last.confirmed + ", tables still syncing " + last.syncing
                        + " (see " + target.logFile() + ")");
            }
        } catch (SQLException e) {
            throw new LocalStackException("cannot check replication progress of " + database + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for replication of " + database, e);
        }
    }

    /** What the subscription had done at the last look, kept for the timeout message. */
    private final class Progress {
        private List<String> syncing = List.of();
        private String confirmed;

        Progress read(Connection src, Connection dst) throws SQLException {
            syncing = notReadyTables(dst, names.subscription());
            confirmed = queryString(
                    src,
                    "SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = ?",
                    names.slot());
            return this;
        }

        boolean reached(Lsn goal) {
            return syncing.isEmpty()
                    && confirmed != null
                    && Lsn.parse(confirmed).compareTo(goal) >= 0;
        }
    }

    private static List<String> notReadyTables(Connection target, String subscription) throws SQLException {
        try (PreparedStatement ps =
                target.prepareStatement("SELECT r.srrelid::regclass::text || ':' || r.srsubstate::text"
                        + " FROM pg_subscription_rel r JOIN pg_subscription s ON s.oid = r.srsubid"
                        + " WHERE s.subname = ? AND r.srsubstate <> 'r'")) {
            ps.setString(1, subscription);
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            return tables;
        }
    }

    private static boolean exists(Connection c, String sql, String parameter) throws SQLException {
        return queryString(c, sql, parameter) != null;
    }

    private static String queryString(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
