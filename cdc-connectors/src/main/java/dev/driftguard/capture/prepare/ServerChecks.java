package dev.driftguard.capture.prepare;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Server-level preconditions of logical decoding, each failure naming the setting and the fix. */
final class ServerChecks {

    private ServerChecks() {}

    /**
     * Checks wal_level, the replication privilege and PostgreSQL 10+; returns {@code server_version_num}.
     *
     * @param where the masked connection, for messages
     */
    static int checkLogicalDecoding(Connection c, String where) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        """
                        SELECT current_setting('wal_level'), current_setting('server_version_num')::int,
                               r.rolsuper OR r.rolreplication
                                 OR EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = 'rds_replication'
                                            AND pg_has_role(current_user, g.oid, 'member')),
                               current_user
                        FROM pg_roles r WHERE r.rolname = current_user""")) {
            rs.next();
            String walLevel = rs.getString(1);
            int version = rs.getInt(2);
            boolean canReplicate = rs.getBoolean(3);
            String user = rs.getString(4);
            if (!"logical".equals(walLevel)) {
                throw new CapturePrepareException("wal_level is '" + walLevel + "' on " + where
                        + " but capture needs 'logical': run ALTER SYSTEM SET wal_level = logical and restart"
                        + " PostgreSQL (on RDS/Aurora set rds.logical_replication = 1 in the DB parameter group and"
                        + " reboot)");
            }
            if (version < 100000) {
                throw new CapturePrepareException("PostgreSQL " + version + " on " + where
                        + " is too old: pgoutput logical decoding needs PostgreSQL 10 or newer");
            }
            if (!canReplicate) {
                throw new CapturePrepareException("user " + user + " on " + where
                        + " may not use replication: ALTER ROLE " + user + " REPLICATION (on RDS/Aurora: GRANT"
                        + " rds_replication TO " + user + ")");
            }
            return version;
        }
    }

    /** Checks that one more slot can be created and that a WAL sender is free to stream from it. */
    static void checkFreeSlot(Connection c, String slot) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        """
                        SELECT (SELECT count(*) FROM pg_replication_slots),
                               current_setting('max_replication_slots')::int,
                               (SELECT count(*) FROM pg_stat_replication),
                               current_setting('max_wal_senders')::int""")) {
            rs.next();
            long slots = rs.getLong(1);
            int maxSlots = rs.getInt(2);
            long senders = rs.getLong(3);
            int maxSenders = rs.getInt(4);
            if (slots >= maxSlots) {
                throw new CapturePrepareException("cannot create replication slot " + slot + ": all "
                        + maxSlots + " slots are in use (max_replication_slots); drop unused slots (SELECT slot_name,"
                        + " active FROM pg_replication_slots) or raise max_replication_slots and restart");
            }
            if (senders >= maxSenders) {
                throw new CapturePrepareException("no free WAL sender for slot " + slot + ": " + senders
                        + " of max_wal_senders = " + maxSenders + " are streaming; raise max_wal_senders and"
                        + " restart, or stop another replication consumer");
            }
        }
    }
}
