package dev.driftguard.capture.prepare;

import dev.driftguard.row.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selected table's primary key and REPLICA IDENTITY: whether it can be captured and what its identity means for
 * validation (optionally setting REPLICA IDENTITY FULL first).
 */
final class TableInspection {

    private static final Logger LOG = LoggerFactory.getLogger(CapturePreparer.class);

    private TableInspection() {}

    static TableStatus inspect(Connection c, TableId table, boolean setReplicaIdentityFull) throws SQLException {
        List<String> primaryKey = primaryKey(c, table);
        char identity = replicaIdentity(c, table);
        boolean changed = false;
        if (setReplicaIdentityFull && identity != 'f') {
            try (Statement st = c.createStatement()) {
                LOG.info("setting REPLICA IDENTITY FULL on {} (was {})", table, identityName(identity));
                st.execute("ALTER TABLE " + table.quoted() + " REPLICA IDENTITY FULL");
            }
            identity = 'f';
            changed = true;
        }
        List<String> notes = new ArrayList<>();
        boolean captured = true;
        if (primaryKey.isEmpty()) {
            captured = false;
            notes.add("no primary key: not validatable by the change stream (a row change cannot be matched to the"
                    + " other side's row); left out of the publication; add a primary key, batch compare still"
                    + " reports its row counts");
        } else if (identity == 'n') {
            captured = false;
            notes.add("REPLICA IDENTITY NOTHING: publishing it would make UPDATE and DELETE on it fail; left out;"
                    + " fix with --set-replica-identity-full or ALTER TABLE " + table.quoted()
                    + " REPLICA IDENTITY DEFAULT");
        } else if (identity != 'f') {
            notes.add("REPLICA IDENTITY " + identityName(identity)
                    + ": unchanged TOASTed values (large text/bytea/json/arrays) arrive as UNKNOWN and are not"
                    + " compared, and deletes carry only the key; fix with --set-replica-identity-full (ALTER TABLE "
                    + table.quoted() + " REPLICA IDENTITY FULL; more WAL per update)");
        }
        return new TableStatus(table, primaryKey, identity, changed, captured, notes);
    }

    private static String identityName(char identity) {
        return switch (identity) {
            case 'd' -> "DEFAULT";
            case 'f' -> "FULL";
            case 'i' -> "USING INDEX";
            case 'n' -> "NOTHING";
            default -> String.valueOf(identity);
        };
    }

    private static List<String> primaryKey(Connection c, TableId table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                """
                SELECT a.attname FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = ?::regclass AND i.indisprimary
                ORDER BY array_position(i.indkey::int2[], a.attnum)""")) {
            ps.setString(1, table.quoted());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private static char replicaIdentity(Connection c, TableId table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT relreplident FROM pg_class WHERE oid = ?::regclass")) {
            ps.setString(1, table.quoted());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1).charAt(0);
            }
        }
    }
}
