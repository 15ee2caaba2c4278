package dev.driftguard.compare.diff;

import dev.driftguard.row.RowKey;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads rows shaped as SideSql's row queries return them: key texts, column hashes (int8[]), optionally column
 * texts (text[]). */
public final class RowReader {

    private final List<String> keyColumns;
    private final int columnCount;

    public RowReader(List<String> keyColumns, int columnCount) {
        this.keyColumns = List.copyOf(keyColumns);
        this.columnCount = columnCount;
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
