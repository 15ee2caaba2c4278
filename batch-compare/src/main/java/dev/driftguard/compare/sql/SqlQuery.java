package dev.driftguard.compare.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A SQL statement and its bind parameters (String, Long or Double). */
public record SqlQuery(String sql, List<Object> params) {

    public SqlQuery {
        params = List.copyOf(params);
    }

    /** Prepares the statement on {@code connection} and binds the parameters. */
    public PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /** Collects SQL text and parameters in order. */
    static final class Builder {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> params = new ArrayList<>();

        Builder sql(String text) {
            sql.append(text);
            return this;
        }

        Builder param(String placeholderSql, Object value) {
            sql.append(placeholderSql);
            params.add(value);
            return this;
        }

        SqlQuery build() {
            return new SqlQuery(sql.toString(), params);
        }
    }
}
