package dev.driftguard.compare.diff;

import dev.driftguard.row.RowKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads rows shaped as SideSql's row queries return them: key texts, column hashes, optionally column texts. */
public final class RowReader {

    private final List<String> keyColumns;
    private final int columnCount;

    public RowReader(List<String> keyColumns, int columnCount) {
        this.keyColumns = List.copyOf(keyColumns);
        this.columnCount = columnCount;
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
        Long[] hashes = new Long[columnCount];
        for (int i = 0; i < columnCount; i++) {
            long h = rs.getLong(offset + i + 1);
            hashes[i] = rs.wasNull() ? null : h;
        }
        String[] values = null;
        if (withValues) {
            values = new String[columnCount];
            for (int i = 0; i < columnCount; i++) {
                values[i] = rs.getString(offset + columnCount + i + 1);
            }
        }
        return new FetchedRow(new RowKey(keyColumns, key), hashes, values);
    }
}
