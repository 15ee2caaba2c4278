package dev.driftguard.capture.prepare;

import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.row.CanonicalTypes;
import dev.driftguard.row.ColumnRef;
import dev.driftguard.row.ColumnType;
import dev.driftguard.row.UnsupportedColumnTypeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The column types of the captured tables, checked against what the canonical model can compare. */
final class ColumnTypeCheck {

    private ColumnTypeCheck() {}

    /**
     * Fails before any record is captured if a captured column has a type the canonical model cannot compare. Returns
     * the base type of every domain used by a captured column (Debezium names a domain column's type by the domain).
     */
    static Map<String, String> check(Connection c, CaptureSettings settings, List<TableStatus> tables)
            throws SQLException {
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
}
