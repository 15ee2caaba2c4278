package dev.driftguard.stack.junit;

import dev.driftguard.stack.LocalPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What tests and benchmarks ask a local server: the one value a query returns. */
public final class SqlValues {

    private SqlValues() {}

    /** The first column of the first row of {@code sql} in {@code database}, as text (null for SQL NULL). */
    public static String first(LocalPostgres postgres, String database, String sql) throws SQLException {
        try (Connection c = postgres.connect(database);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from: " + sql);
            }
            return rs.getString(1);
        }
    }

    /** {@link #first} as a number. */
    public static long firstLong(LocalPostgres postgres, String database, String sql) throws SQLException {
        return Long.parseLong(first(postgres, database, sql));
    }
}
