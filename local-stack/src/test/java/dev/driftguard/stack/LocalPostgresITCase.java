package dev.driftguard.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class LocalPostgresITCase {

    @Test
    void startsQueriesAndStopsWithoutLeavingAnythingBehind() throws Exception {
        LocalPostgres pg = LocalPostgres.start();
        long postmaster;
        try (pg) {
            postmaster = OrphanedServers.postmasterPid(pg.dataDirectory()).orElseThrow();
            String db = pg.createUniqueDatabase("Start Stop!");
            assertThat(db).matches("start_stop__\\d+");
            assertThat(pg.databaseExists(db)).isTrue();
            try (Connection c = pg.connect(db);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_setting('wal_level'), current_setting('port'),"
                            + " current_setting('max_replication_slots')::int, current_setting('fsync'),"
                            + " current_user, current_setting('unix_socket_directories')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("logical");
                assertThat(rs.getInt(2)).isEqualTo(pg.port());
                assertThat(rs.getInt(3)).isGreaterThanOrEqualTo(20);
                assertThat(rs.getString(4)).isEqualTo("off");
                assertThat(rs.getString(5)).isEqualTo("postgres");
                assertThat(rs.getString(6)).isEqualTo(pg.dataDirectory().toString());
            }
            assertThat(pg.dataDirectory().resolve(".s.PGSQL." + pg.port())).exists();
            assertThat(pg.uri(db)).isEqualTo("postgresql://postgres@127.0.0.1:" + pg.port() + "/" + db);
            assertThat(pg.connectionSpec(db).jdbcUrl())
                    .isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + db);
            try (Connection c = java.sql.DriverManager.getConnection(pg.jdbcUrl(db))) {
                assertThat(c.isValid(5)).isTrue();
            }
            if (ServerOsUser.isRoot()) {
                assertThat(Files.getOwner(pg.dataDirectory()).getName()).isNotEqualTo("root");
            }
            assertThatThrownBy(() -> pg.createDatabase(db))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining(db);
        }
        assertThat(pg.isRunning()).isFalse();
        assertThat(OrphanedServers.isRunning(postmaster)).isFalse();
        assertThat(pg.dataDirectory().getParent()).doesNotExist();
        pg.close();
        pg.stop();
    }
}
