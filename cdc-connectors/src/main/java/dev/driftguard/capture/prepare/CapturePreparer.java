package dev.driftguard.capture.prepare;

import dev.driftguard.capture.CaptureNames;
import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.pg.DatabaseAccessException;
import dev.driftguard.pg.Lsn;
import dev.driftguard.row.CanonicalTypes;
import dev.driftguard.row.ColumnRef;
import dev.driftguard.row.ColumnType;
import dev.driftguard.row.TableId;
import dev.driftguard.row.UnsupportedColumnTypeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(CapturePreparer.class);

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
            for (TableId table : resolveTables(c)) {
                tables.add(inspect(c, table));
            }
            Map<String, String> domainTypes = checkColumnTypes(c, tables);
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
            boolean publicationCreated = ensurePublication(c, names, captured);
            SlotState slot = ensureSlot(c, names);
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

    private List<TableId> resolveTables(Connection c) throws SQLException {
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

    private TableStatus inspect(Connection c, TableId table) throws SQLException {
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

    /**
     * Fails before any record is captured if a captured column has a type the canonical model cannot compare. Returns
     * the base type of every domain used by a captured column (Debezium names a domain column's type by the domain).
     */
    private Map<String, String> checkColumnTypes(Connection c, List<TableStatus> tables) throws SQLException {
        Map<String, String> domainTypes = new TreeMap<>();
        Set<ColumnRef> excluded = new HashSet<>(settings.excludedColumns());
        List<String> problems = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                """
                SELECT a.attname, t.typname, t.typtype,
                       coalesce(e.typname, b.typname) AS element_typname, coalesce(e.typtype, b.typtype) AS element_typtype
                FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
                LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'
                LEFT JOIN pg_type b ON b.oid = t.typbasetype AND t.typtype = 'd'
                WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum""")) {
            for (TableStatus table : tables) {
                if (!table.captured()) {
                    continue;
                }
                ps.setString(1, table.table().quoted());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String column = rs.getString(1);
                        if (excluded.contains(new ColumnRef(table.table(), column))) {
                            continue;
                        }
                        try {
                            ColumnType type = ColumnType.ofCatalog(
                                    rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
                            CanonicalTypes.resolve(table.table(), column, type);
                            if (type.isDomain()) {
                                domainTypes.put(type.typeName(), type.element().typeName());
                            }
                        } catch (UnsupportedColumnTypeException e) {
                            problems.add(e.getMessage());
                        } catch (IllegalArgumentException e) {
                            problems.add("table " + table.table() + " column \"" + column + "\" has type \""
                                    + rs.getString(2) + "\" (" + e.getMessage() + "), which driftguard cannot compare;"
                                    + " exclude it with --exclude-columns " + table.table() + "." + column);
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new CapturePrepareException("cannot capture: " + String.join("; ", problems)
                    + " (capture takes --exclude-columns s.t.c,... as well)");
        }
        return domainTypes;
    }

    private boolean ensurePublication(Connection c, CaptureNames names, List<TableId> tables) throws SQLException {
        String tableList = tables.stream().map(TableId::quoted).collect(Collectors.joining(", "));
        String publication = TableId.quoteIdentifier(names.publicationName());
        Optional<Publication> existing = Publication.find(c, names.publicationName());
        try (Statement st = c.createStatement()) {
            if (existing.isEmpty()) {
                LOG.info("creating publication {} for {}", names.publicationName(), tables);
                st.execute("CREATE PUBLICATION " + publication + " FOR TABLE " + tableList
                        + " WITH (publish = 'insert, update, delete, truncate')");
                st.execute("COMMENT ON PUBLICATION " + publication + " IS " + literal(names.ownerComment()));
                return true;
            }
            if (!existing.get().ownedBy(names)) {
                throw new CapturePrepareException("publication " + names.publicationName() + " already exists in "
                        + settings.database() + " but belongs to "
                        + existing.get().owner()
                        + ", not to migration " + names.migration() + " " + names.sideName()
                        + ": migration ids that differ only in case, '-' or '.' map to the same names; choose another id"
                        + " or drop that publication");
            }
            LOG.info("publication {} exists; setting its tables to {}", names.publicationName(), tables);
            st.execute("ALTER PUBLICATION " + publication + " SET TABLE " + tableList);
            return false;
        }
    }

    private record SlotState(boolean created, Lsn lsn) {}

    private SlotState ensureSlot(Connection c, CaptureNames names) throws SQLException {
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

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
