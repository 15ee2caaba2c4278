package dev.driftguard.capture.prepare;

import dev.driftguard.capture.CaptureNames;
import dev.driftguard.pg.Lsn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The migration side's logical slot: kept if it exists with pgoutput in this database, else created. */
final class SlotSetup {

    private static final Logger LOG = LoggerFactory.getLogger(CapturePreparer.class);

    private SlotSetup() {}

    record SlotState(boolean created, Lsn lsn) {}

    static SlotState ensure(Connection c, CaptureNames names) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                """
                SELECT plugin, database, confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = ?""")) {
            ps.setString(1, names.slotName());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    String plugin = rs.getString(1);
                    String database = rs.getString(2);
                    if (!"pgoutput".equals(plugin) || !c.getCatalog().equals(database)) {
                        throw new CapturePrepareException("replication slot " + names.slotName() + " already exists"
                                + " with plugin " + plugin + " in database " + database + "; capture needs it with"
                                + " pgoutput in database " + c.getCatalog() + ": drop it (capture cleanup, or"
                                + " SELECT pg_drop_replication_slot('" + names.slotName() + "')) or use another"
                                + " migration id");
                    }
                    String lsn = rs.getString(3);
                    return new SlotState(false, lsn == null ? Lsn.INVALID : Lsn.parse(lsn));
                }
            }
        }
        ServerChecks.checkFreeSlot(c, names.slotName());
        LOG.info(
                "creating logical replication slot {} (pgoutput); this waits for running transactions to end",
                names.slotName());
        try (PreparedStatement ps =
                c.prepareStatement("SELECT lsn::text FROM pg_create_logical_replication_slot(?, 'pgoutput')")) {
            ps.setString(1, names.slotName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new SlotState(true, Lsn.parse(rs.getString(1)));
            }
        }
    }
}
