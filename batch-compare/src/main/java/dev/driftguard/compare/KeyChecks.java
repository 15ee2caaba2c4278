package dev.driftguard.compare;

import dev.driftguard.avro.Side;
import dev.driftguard.compare.exec.BothSides;
import dev.driftguard.compare.exec.Sessions;
import dev.driftguard.compare.sql.SqlQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks, before a table is compared, that its key identifies rows on both sides: rows are matched by key, so a NULL
 * key leaves a row unmatched and a repeated key lets one row's difference hide behind another row of the same key.
 */
final class KeyChecks {

    private KeyChecks() {}

    /** Whether the key of {@code run} identifies rows on both sides; if not, fails the table with the reason. */
    static boolean identifyRows(Sessions sessions, TableRun run) {
        return notNull(sessions, run) && unique(sessions, run);
    }

    /** A declared key may allow NULL; rows with a NULL key cannot be matched and must not pass unnoticed. */
    private static boolean notNull(Sessions sessions, TableRun run) {
        if (!run.sql.source().keyNullable() && !run.sql.target().keyNullable()) {
            return true;
        }
        BothSides<Long> nulls = sessions.both(
                "count NULL keys of " + run.table(),
                (side, c) -> count(run.sql.on(side).nullKeyCount(), c));
        if (nulls.source() + nulls.target() == 0) {
            return true;
        }
        run.fail(nulls.source() + " row(s) on the source and " + nulls.target() + " on the target have NULL in key"
                + " column(s) " + run.mapping.keyNames() + ", so they cannot be matched; declare a key of NOT NULL"
                + " columns with --key or leave those rows out with --where");
        return false;
    }

    /**
     * A key without a unique index on a side (declared with --key, or a source key the target does not enforce) is
     * looked for a repeated value there (under --where).
     */
    private static boolean unique(Sessions sessions, TableRun run) {
        if (run.sql.source().keyUnique() && run.sql.target().keyUnique()) {
            return true;
        }
        BothSides<Optional<List<String>>> repeated = sessions.both(
                "look for a repeated key of " + run.table(),
                (side, c) -> run.sql.on(side).keyUnique()
                        ? Optional.empty()
                        : firstRow(run.sql.on(side).duplicateKey(), c));
        for (Side side : List.of(Side.SOURCE, Side.TARGET)) {
            Optional<List<String>> value = side == Side.SOURCE ? repeated.source() : repeated.target();
            if (value.isPresent()) {
                run.fail("key " + run.mapping.keyNames() + " of " + run.table() + " is not unique on the "
                        + side.name().toLowerCase(Locale.ROOT) + ": more than one row has "
                        + run.mapping.keyNames() + " = " + value.get() + ", so rows cannot be matched by it and a"
                        + " difference could go unseen; give a unique key with --key " + run.table()
                        + ":col[,col...] (e.g. add a column to the key) or add a unique index");
                return false;
            }
        }
        return true;
    }

    static long count(SqlQuery query, Connection c) throws SQLException {
        try (PreparedStatement ps = query.prepare(c);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Optional<List<String>> firstRow(SqlQuery query, Connection c) throws SQLException {
        try (PreparedStatement ps = query.prepare(c);
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getString(i));
            }
            return Optional.of(values);
        }
    }
}
