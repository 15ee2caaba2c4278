package dev.driftguard.capture.prepare;

import dev.driftguard.capture.CaptureNames;
import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.pg.DatabaseAccessException;
import dev.driftguard.row.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Makes one database ready for one migration side's capture, idempotently: checks logical decoding settings and
 * privileges, checks column types, creates (or updates) the filtered publication and creates the logical slot.
 *
 * <p>Tables are always listed explicitly in the publication, also for {@code --schema}: a table without a primary key
 * and without REPLICA IDENTITY FULL in a publication that publishes updates makes every UPDATE and DELETE on it fail
 * on the source ("cannot update table ... because it does not have a replica identity"), so such tables are left out
 * and reported instead of being swept in by {@code FOR TABLES IN SCHEMA}.
 */
public final class CapturePreparer {

    private final CaptureSettings settings;
    private final boolean setReplicaIdentityFull;

    public CapturePreparer(CaptureSettings settings, boolean setReplicaIdentityFull) {
        this.settings = settings;
        this.setReplicaIdentityFull = setReplicaIdentityFull;
    }

    public PrepareReport prepare() {
        CaptureNames names = settings.names();
        try (Connection c = settings.database().connect()) {
            c.setAutoCommit(true);
            int version =
                    ServerChecks.checkLogicalDecoding(c, settings.database().toString());
            List<TableStatus> tables = new ArrayList<>();
            for (TableId table : SelectedTables.resolve(c, settings)) {
                tables.add(TableInspection.inspect(c, table, setReplicaIdentityFull));
            }
            Map<String, String> domainTypes = ColumnTypeCheck.check(c, settings, tables);
            List<TableId> captured = tables.stream()
                    .filter(TableStatus::captured)
                    .map(TableStatus::table)
                    .toList();
            if (captured.isEmpty()) {
                throw new CapturePrepareException("none of the selected " + settings.tables() + " in "
                        + settings.database() + " can be captured: "
                        + tables.stream()
                                .map(t -> t.table() + ": " + String.join("; ", t.notes()))
                                .collect(Collectors.joining(" | ")));
            }
            boolean publicationCreated = PublicationSetup.ensure(c, names, captured, settings.database());
            SlotSetup.SlotState slot = SlotSetup.ensure(c, names);
            return new PrepareReport(
                    names.publicationName(),
                    publicationCreated,
                    names.slotName(),
                    slot.created(),
                    slot.lsn(),
                    version,
                    tables,
                    domainTypes);
        } catch (SQLException e) {
            throw new DatabaseAccessException(
                    "preparing capture of " + settings.names().migration() + " "
                            + settings.names().sideName() + " in " + settings.database() + " failed: " + e.getMessage(),
                    e);
        }
    }
}
