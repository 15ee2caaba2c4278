package dev.driftguard.compare.schema;

import dev.driftguard.row.ColumnType;
import dev.driftguard.row.TableId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads tables, columns, types and indexes of some schemas from PostgreSQL's catalogs (pg_class, pg_attribute,
 * pg_type, pg_index). information_schema would hide what comparison needs: domains' base types, array element types,
 * typtype, collations and unique NOT NULL indexes.
 */
public final class CatalogReader {

    /** Plain and partitioned tables; partitions are compared through their parent. */
    private static final String TABLE_FILTER =
            "n.nspname = ANY (?) AND c.relkind IN ('r', 'p') AND NOT c.relispartition";

    private static final String COLUMNS = "SELECT n.nspname, c.relname, c.relpages,"
            // A partitioned table has no storage of its own: estimate from its partitions.
            + " CASE WHEN c.relkind = 'p' THEN (SELECT sum(greatest(p.reltuples, 0)) FROM pg_catalog.pg_inherits i"
            + "   JOIN pg_catalog.pg_class p ON p.oid = i.inhrelid WHERE i.inhparent = c.oid)"
            + "   ELSE c.reltuples END::float8 AS reltuples,"
            + " a.attname, a.attnotnull, a.atttypid, pg_catalog.format_type(a.atttypid, NULL) AS type_sql,"
            + " coalesce(co.collname, '') AS collation"
            + " FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation"
            + " WHERE " + TABLE_FILTER
            + " ORDER BY n.nspname, c.relname, a.attnum";

    /** Every type the columns use, with the element types of arrays and the base types of domains, recursively. */
    private static final String TYPES = "WITH RECURSIVE used(oid) AS ("
            + " SELECT DISTINCT a.atttypid FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " WHERE " + TABLE_FILTER
            + " UNION SELECT CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.typelem END"
            + " FROM used JOIN pg_catalog.pg_type t ON t.oid = used.oid"
            + " WHERE t.typtype = 'd' OR (t.typcategory = 'A' AND t.typelem <> 0))"
            + " SELECT t.oid, t.typname, t.typtype, t.typcategory, t.typelem, t.typbasetype"
            + " FROM used JOIN pg_catalog.pg_type t ON t.oid = used.oid";

    private static final String INDEXES = "SELECT n.nspname, c.relname, ic.relname AS index_name, i.indisprimary,"
            + " i.indisunique AND i.indisvalid AND i.indimmediate AND i.indpred IS NULL AND i.indexprs IS NULL"
            + "   AS unique_key,"
            + " am.amname = 'btree' AND i.indisvalid AS btree,"
            + " ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)"
            + "   LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
            + "   WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) AS columns,"
            + " ARRAY(SELECT coalesce(co.collname, '') FROM unnest(i.indcollation::oid[]) WITH ORDINALITY AS k(coll, ord)"
            + "   LEFT JOIN pg_catalog.pg_collation co ON co.oid = k.coll"
            + "   WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) AS collations,"
            + " i.indnkeyatts"
            + " FROM pg_catalog.pg_index i"
            + " JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
            + " JOIN pg_catalog.pg_am am ON am.oid = ic.relam"
            + " JOIN pg_catalog.pg_class c ON c.oid = i.indrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE " + TABLE_FILTER;

    private CatalogReader() {}

    /** The tables of {@code schemas}, sorted by id. */
    public static Map<TableId, TableInfo> read(Connection connection, List<String> schemas) throws SQLException {
        Array schemaArray = connection.createArrayOf("text", schemas.toArray());
        boolean bytewiseDefault = defaultCollationIsBytewise(connection);
        Map<Long, ColumnType> types = readTypes(connection, schemaArray);
        Map<TableId, List<IndexInfo>> indexes = readIndexes(connection, schemaArray);

        Map<TableId, TableInfo> tables = new TreeMap<>();
        Map<TableId, List<ColumnInfo>> columns = new HashMap<>();
        Map<TableId, double[]> sizes = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(COLUMNS)) {
            ps.setArray(1, schemaArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableId id = new TableId(rs.getString(1), rs.getString(2));
                    sizes.computeIfAbsent(id, k -> new double[2]);
                    sizes.get(id)[0] = rs.getDouble("reltuples");
                    sizes.get(id)[1] = rs.getLong("relpages");
                    ColumnType type = types.get(rs.getLong("atttypid"));
                    String collation = rs.getString("collation");
                    columns.computeIfAbsent(id, k -> new ArrayList<>())
                            .add(new ColumnInfo(
                                    rs.getString("attname"),
                                    type,
                                    rs.getString("type_sql"),
                                    rs.getBoolean("attnotnull"),
                                    collation,
                                    collation.equals("C")
                                            || collation.equals("POSIX")
                                            || (collation.equals("default") && bytewiseDefault)));
                }
            }
        }
        for (Map.Entry<TableId, List<ColumnInfo>> table : columns.entrySet()) {
            double[] size = sizes.get(table.getKey());
            tables.put(
                    table.getKey(),
                    new TableInfo(
                            table.getKey(),
                            size[0],
                            (long) size[1],
                            table.getValue(),
                            indexes.getOrDefault(table.getKey(), List.of())));
        }
        return tables;
    }

    /**
     * The user schemas of the database that hold tables, with their number of tables (plain and partitioned, not
     * partitions), by name: what a run that found nothing to compare tells the user to choose from.
     */
    public static Map<String, Long> tablesBySchema(Connection connection) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT n.nspname, count(*) FROM pg_catalog.pg_class c"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition"
                        + " AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'"
                        + " GROUP BY 1");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /** Whether the database's default collation is libc's C or POSIX (byte order), not ICU or a language. */
    private static boolean defaultCollationIsBytewise(Connection connection) throws SQLException {
        String sql = connection.getMetaData().getDatabaseMajorVersion() >= 15
                ? "SELECT datcollate IN ('C', 'POSIX') AND datlocprovider = 'c' FROM pg_catalog.pg_database"
                        + " WHERE datname = current_database()"
                : "SELECT datcollate IN ('C', 'POSIX') FROM pg_catalog.pg_database WHERE datname = current_database()";
        try (PreparedStatement ps = connection.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private record TypeRow(String name, char typtype, char category, long element, long base) {}

    private static Map<Long, ColumnType> readTypes(Connection connection, Array schemas) throws SQLException {
        Map<Long, TypeRow> rows = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(TYPES)) {
            ps.setArray(1, schemas);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(
                            rs.getLong("oid"),
                            new TypeRow(
                                    rs.getString("typname"),
                                    rs.getString("typtype").charAt(0),
                                    rs.getString("typcategory").charAt(0),
                                    rs.getLong("typelem"),
                                    rs.getLong("typbasetype")));
                }
            }
        }
        Map<Long, ColumnType> types = new HashMap<>();
        for (Long oid : rows.keySet()) {
            types.put(oid, columnType(oid, rows, 0));
        }
        return types;
    }

    private static ColumnType columnType(long oid, Map<Long, TypeRow> rows, int depth) {
        TypeRow row = rows.get(oid);
        if (row == null || depth > 32) {
            throw new IllegalStateException("type oid " + oid + " is missing from the catalog query result");
        }
        if (row.typtype() == 'd') {
            return new ColumnType(row.name(), 'd', columnType(row.base(), rows, depth + 1));
        }
        if (row.category() == 'A' && row.element() != 0) {
            return new ColumnType(row.name(), row.typtype(), columnType(row.element(), rows, depth + 1));
        }
        return new ColumnType(row.name(), row.typtype(), null);
    }

    private static Map<TableId, List<IndexInfo>> readIndexes(Connection connection, Array schemas) throws SQLException {
        Map<TableId, List<IndexInfo>> indexes = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(INDEXES)) {
            ps.setArray(1, schemas);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableId id = new TableId(rs.getString(1), rs.getString(2));
                    // An expression (attnum 0) has no name: only the columns before the first one are usable.
                    List<String> columns = new ArrayList<>();
                    for (String column : (String[]) rs.getArray("columns").getArray()) {
                        if (column == null) {
                            break;
                        }
                        columns.add(column);
                    }
                    List<String> collations =
                            List.of((String[]) rs.getArray("collations").getArray());
                    boolean complete = columns.size() == rs.getInt("indnkeyatts");
                    indexes.computeIfAbsent(id, k -> new ArrayList<>())
                            .add(new IndexInfo(
                                    rs.getString("index_name"),
                                    rs.getBoolean("indisprimary"),
                                    complete && rs.getBoolean("unique_key"),
                                    rs.getBoolean("btree"),
                                    columns,
                                    collations.subList(0, columns.size())));
                }
            }
        }
        return indexes;
    }
}
