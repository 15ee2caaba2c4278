package dev.driftguard.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.stack.junit.LocalStackExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class PostgresPairITCase {

    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    @Test
    void replicatesExistingAndNewRowsFromSourceToTarget(PostgresPair pair) throws Exception {
        String db = pair.createUniqueDatabase("pair_rows");
        pair.executeOnBoth(db, "CREATE TABLE accounts (id bigint PRIMARY KEY, owner text NOT NULL)");
        pair.source().execute(db, "INSERT INTO accounts VALUES (1, 'before replication')");

        PostgresPair.LogicalReplication replication = pair.replicate(db);
        assertThat(pair.replicate(db)).isEqualTo(replication);
        pair.source().execute(db, "INSERT INTO accounts VALUES (2, 'after replication')");
        pair.awaitCaughtUp(db, CATCH_UP);

        assertThat(owners(pair.target(), db)).isEqualTo("1:before replication,2:after replication");
    }

    @Test
    void copiesTheSchemaAndPicksUpTablesCreatedLater(PostgresPair pair) throws Exception {
        String db = pair.createUniqueDatabase("pair_schema");
        pair.source()
                .execute(
                        db,
                        "CREATE TYPE tier AS ENUM ('free', 'paid')",
                        "CREATE TABLE accounts"
                                + " (id bigint PRIMARY KEY, owner text NOT NULL, level tier NOT NULL DEFAULT 'free')");
        pair.copySchema(db);
        pair.replicate(db);
        pair.source().execute(db, "INSERT INTO accounts (id, owner) VALUES (7, 'copied schema')");
        pair.awaitCaughtUp(db, CATCH_UP);
        assertThat(owners(pair.target(), db)).isEqualTo("7:copied schema");

        pair.executeOnBoth(db, "CREATE TABLE later (id int PRIMARY KEY)");
        pair.refresh(db);
        pair.source().execute(db, "INSERT INTO later VALUES (42)");
        pair.awaitCaughtUp(db, CATCH_UP);
        try (Connection c = pair.target().connect(db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM later")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }

        pair.stopReplication(db);
        try (Connection c = pair.source().connect(db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '"
                        + PostgresPair.LogicalReplication.forDatabase(db).slot() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    private static String owners(LocalPostgres pg, String db) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = pg.connect(db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, owner FROM accounts ORDER BY id")) {
            while (rs.next()) {
                sb.append(sb.length() > 0 ? "," : "")
                        .append(rs.getLong(1))
                        .append(':')
                        .append(rs.getString(2));
            }
        }
        return sb.toString();
    }
}
