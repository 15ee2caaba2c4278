package dev.driftguard.capture.prepare;

import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.row.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The plain tables a capture selects (a schema's, or a list checked to exist), or an error naming the fix. */
final class SelectedTables {

    private SelectedTables() {}

    static List<TableId> resolve(Connection c, CaptureSettings settings) throws SQLException {
        List<TableId> tables = new ArrayList<>();
        if (settings.tables().isSchema()) {
            try (PreparedStatement ps = c.prepareStatement(
                    """
                    SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = ? AND c.relkind = 'r' AND NOT c.relispartition ORDER BY c.relname""")) {
                ps.setString(1, settings.tables().schema());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tables.add(new TableId(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            if (tables.isEmpty()) {
                throw new CapturePrepareException(
                        "schema \"" + settings.tables().schema() + "\" in " + settings.database()
                                + " has no tables (check the name: schema names are case-sensitive)");
            }
            return tables;
        }
        List<String> missing = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                """
                SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ?""")) {
            for (TableId table : settings.tables().tables()) {
                ps.setString(1, table.schema());
                ps.setString(2, table.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        missing.add(table.toString());
                    } else if (!"r".equals(rs.getString(1))) {
                        throw new CapturePrepareException(
                                "\"" + table + "\" is not a plain table (relkind '" + rs.getString(1)
                                        + "'): list ordinary tables (for a partitioned table, its partitions)");
                    } else {
                        tables.add(table);
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new CapturePrepareException("tables not found in " + settings.database() + ": " + missing
                    + " (names are schema.table; quote mixed-case names: \"Sales\".\"Orders\")");
        }
        return tables;
    }
}
