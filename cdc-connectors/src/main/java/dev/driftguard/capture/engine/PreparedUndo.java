package dev.driftguard.capture.engine;

import dev.driftguard.capture.CaptureNames;
import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.capture.prepare.PrepareReport;
import dev.driftguard.pg.PgErrors;
import dev.driftguard.row.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A capture (embedded, or a connector deployed by connect-config) that failed to start leaves nothing it created behind: a replication slot nobody reads pins WAL on a
 * production database. What existed before the run (a prepared slot and publication) is kept.
 */
public final class PreparedUndo {

    private static final Logger LOG = LoggerFactory.getLogger(PreparedUndo.class);

    private PreparedUndo() {}

    /**
     * Drops the slot and the publication {@code prepared} created and returns the failure to throw: {@code failure}'s
     * message, with what was dropped or, if dropping failed, what is left and the command that removes it.
     */
    public static CaptureFailedException undo(CaptureSettings settings, PrepareReport prepared, Throwable failure) {
        String reason = failure.getMessage() != null
                ? failure.getMessage()
                : failure.getClass().getSimpleName();
        if (!prepared.slotCreated() && !prepared.publicationCreated()) {
            return new CaptureFailedException(reason, failure);
        }
        CaptureNames names = settings.names();
        String created = (prepared.slotCreated() ? "slot " + prepared.slot() : "")
                + (prepared.slotCreated() && prepared.publicationCreated() ? " and " : "")
                + (prepared.publicationCreated() ? "publication " + prepared.publication() : "");
        try (Connection c = settings.database().connect()) {
            if (prepared.slotCreated()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
                    ps.setString(1, prepared.slot());
                    ps.execute();
                }
            }
            if (prepared.publicationCreated()) {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP PUBLICATION IF EXISTS " + TableId.quoteIdentifier(prepared.publication()));
                }
            }
            LOG.info("capture did not start: dropped the {} it had created", created);
            return new CaptureFailedException(reason + " (the " + created + " this run created were dropped)", failure);
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
            return new CaptureFailedException(
                    reason + "; the " + created + " this run created could not be dropped ("
                            + (e instanceof SQLException sql ? PgErrors.explain(sql) : e.getMessage())
                            + "): remove them with driftguard capture cleanup --migration " + names.migration()
                            + " --side " + names.sideName() + " --db URI",
                    failure);
        }
    }
}
