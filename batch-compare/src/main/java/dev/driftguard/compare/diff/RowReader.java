package dev.driftguard.compare.diff;

import dev.driftguard.compare.sql.SqlQuery;
import dev.driftguard.row.RowKey;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads rows shaped as SideSql's row queries return them: key texts, column hashes (int8[]), optionally column
 * texts (text[]). */
public final class RowReader {

    private final List<String> keyColumns;
    private final int columnCount;

    public RowReader(List<String> keyColumns, int columnCount) {
        this.keyColumns = List.copyOf(keyColumns);
        this.columnCount = columnCount;
    }

    /** Runs a row query and reads its rows by key (rows with a NULL key left out, the first of a repeated key kept). */
    public Map<RowKey, FetchedRow> byKey(SqlQuery query, Connection c, boolean withValues) throws SQLException {
        Map<RowKey, FetchedRow> rows = new HashMap<>();
        try (PreparedStatement ps = query.prepare(c);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                FetchedRow row = read(rs, withValues);
                if (row != null) {
                    rows.putIfAbsent(row.key(), row);
                }
            }
        }
        return rows;
    }

    /** An array column of {@code columnCount} elements (hashes or values of the compared columns). */
    private <T> T[] array(ResultSet rs, int index, Class<T[]> type) throws SQLException {
        Array array = rs.getArray(index);
        T[] elements = type.cast(array.getArray());
        array.free();
        if (elements.length != columnCount) {
            throw new IllegalStateException(
                    "expected " + columnCount + " column hashes or values, got " + elements.length);
        }
        return elements;
    }

    /** The current row, or null if a key column is NULL (such a row has no key to be matched by). */
    public FetchedRow read(ResultSet rs, boolean withValues) throws SQLException {
        List<String> key = new ArrayList<>(keyColumns.size());
        for (int i = 1; i <= keyColumns.size(); i++) {
            String value = rs.getString(i);
            if (value == null) {
                return null;
            }
            key.add(value);
        }
        int offset = keyColumns.size();
        Long[] hashes = array(rs, offset + 1, Long[].class);
        String[] values = withValues ? array(rs, offset + 2, String[].class) : null;
        return new FetchedRow(new RowKey(keyColumns, key), hashes, values);
    }
}
