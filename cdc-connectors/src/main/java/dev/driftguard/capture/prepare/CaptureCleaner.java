package dev.driftguard.capture.prepare;

import dev.driftguard.capture.CaptureNames;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.pg.DatabaseAccessException;
import dev.driftguard.pg.Polling;
import dev.driftguard.row.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops one migration side's replication slot and publication, and nothing else. A slot still streaming to a
 * consumer cannot be dropped, so its WAL sender is terminated first (after saying so in the log).
 */
public final class CaptureCleaner {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureCleaner.class);
    private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(30);

    private final CaptureNames names;
    private final ConnectionSpec database;

    public CaptureCleaner(CaptureNames names, ConnectionSpec database) {
        this.names = names;
        this.database = database;
    }

    /** What cleanup removed. */
    public record Result(boolean slotDropped, boolean publicationDropped, Integer terminatedPid) {}

    public Result cleanup() {
        try (Connection c = database.connect()) {
            c.setAutoCommit(true);
            Optional<Publication> publication = Publication.find(c, names.publicationName());
            if (publication.isPresent() && !publication.get().ownedBy(names)) {
                throw new CapturePrepareException("publication " + names.publicationName() + " in " + database
                        + " belongs to " + publication.get().owner()
                        + ", not to migration " + names.migration() + " " + names.sideName()
                        + "; nothing was dropped");
            }
            Integer terminated = null;
            boolean slotDropped = false;
            Optional<SlotHolder> slot = slot(c);
            if (slot.isPresent()) {
                if (slot.get().activePid() != null) {
                    terminated = slot.get().activePid();
                    LOG.warn(
                            "replication slot {} is in use by WAL sender pid {} (a running capture or connector);"
                                    + " terminating it so that the slot can be dropped",
                            names.slotName(),
                            terminated);
                    try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
                        ps.setInt(1, terminated);
                        ps.execute();
                    }
                    awaitReleased(c);
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                    ps.setString(1, names.slotName());
                    ps.execute();
                }
                slotDropped = true;
                LOG.info("dropped replication slot {}", names.slotName());
            }
            boolean publicationDropped = false;
            if (publication.isPresent()) {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP PUBLICATION " + TableId.quoteIdentifier(names.publicationName()));
                }
                publicationDropped = true;
                LOG.info("dropped publication {}", names.publicationName());
            }
            return new Result(slotDropped, publicationDropped, terminated);
        } catch (SQLException e) {
            throw new DatabaseAccessException(
                    "cleanup of " + names.slotName() + " in " + database + " failed: " + e.getMessage(), e);
        }
    }

    /** @param activePid the WAL sender streaming from the slot, null when inactive */
    private record SlotHolder(Integer activePid) {}

    private Optional<SlotHolder> slot(Connection c) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT active_pid FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, names.slotName());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int pid = rs.getInt(1);
                return Optional.of(new SlotHolder(rs.wasNull() ? null : pid));
            }
        }
    }

    private void awaitReleased(Connection c) throws SQLException {
        AtomicReference<Optional<SlotHolder>> last = new AtomicReference<>(Optional.empty());
        boolean released;
        try {
            released = Polling.until(RELEASE_TIMEOUT, Duration.ofMillis(100), () -> {
                last.set(slot(c));
                return last.get().isEmpty() || last.get().get().activePid() == null;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CapturePrepareException("interrupted while waiting for slot " + names.slotName(), e);
        }
        if (!released) {
            throw new CapturePrepareException("replication slot " + names.slotName() + " is still held by pid "
                    + last.get().get().activePid() + " after " + RELEASE_TIMEOUT.toSeconds()
                    + " s; stop its consumer and retry");
        }
    }
}
