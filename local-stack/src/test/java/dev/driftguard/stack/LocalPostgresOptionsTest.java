package dev.driftguard.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalPostgresOptionsTest {

    @Test
    void serverSettingsHaveTheReplicationAndSpeedDefaultsAndExplicitSettingsWin() {
        LocalPostgresOptions options = LocalPostgresOptions.builder()
                .setting("max_connections", "300")
                .setting("log_statement", "all")
                .build();
        Map<String, String> settings = options.serverSettings(5555, Path.of("/tmp/x/data"));
        assertThat(settings)
                .containsEntry("wal_level", "logical")
                .containsEntry("port", "5555")
                .containsEntry("listen_addresses", "127.0.0.1")
                .containsEntry("unix_socket_directories", "/tmp/x/data")
                .containsEntry("fsync", "off")
                .containsEntry("synchronous_commit", "off")
                .containsEntry("full_page_writes", "off")
                .containsEntry("max_connections", "300")
                .containsEntry("log_statement", "all");
        assertThat(Integer.parseInt(settings.get("max_replication_slots"))).isGreaterThanOrEqualTo(20);
        assertThat(Integer.parseInt(settings.get("max_wal_senders"))).isGreaterThanOrEqualTo(20);
    }

    @Test
    void toBuilderKeepsEverythingAndCanRename() {
        LocalPostgresOptions options = LocalPostgresOptions.builder()
                .name("base")
                .binaries(BinariesSource.ARTIFACT)
                .baseDir(Path.of("/var/tmp/pgs"))
                .setting("work_mem", "64MB")
                .startTimeout(Duration.ofSeconds(5))
                .build();
        LocalPostgresOptions renamed = options.toBuilder().name("target").build();
        assertThat(renamed.name()).isEqualTo("target");
        assertThat(renamed.binaries()).isEqualTo(BinariesSource.ARTIFACT);
        assertThat(renamed.baseDir()).isEqualTo(Path.of("/var/tmp/pgs"));
        assertThat(renamed.settings()).containsExactly(Map.entry("work_mem", "64MB"));
        assertThat(renamed.startTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anExplicitBinDirMeansAuto() {
        LocalPostgresOptions options = LocalPostgresOptions.builder()
                .binaries(BinariesSource.SYSTEM)
                .binDir(Path.of("/opt/pg/bin"))
                .build();
        assertThat(options.binaries()).isEqualTo(BinariesSource.AUTO);
        assertThat(options.explicitBinDir()).isEqualTo(Path.of("/opt/pg/bin"));
    }

    @Test
    void invalidOptionsAreRejectedWithTheOffendingValue() {
        assertThatThrownBy(
                        () -> LocalPostgresOptions.builder().name("Has Space").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Has Space");
        assertThatThrownBy(() -> LocalPostgresOptions.builder()
                        .baseDir(Path.of("relative"))
                        .build())
                .hasMessageContaining("relative");
        assertThatThrownBy(() ->
                        LocalPostgresOptions.builder().setting("bad name", "1").build())
                .hasMessageContaining("bad name");
        assertThatThrownBy(() -> LocalPostgresOptions.builder()
                        .startTimeout(Duration.ZERO)
                        .build())
                .hasMessageContaining("startTimeout");
        assertThatThrownBy(() -> BinariesSource.parse("docker", "driftguard.postgres.binaries"))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("docker")
                .hasMessageContaining("auto, system or artifact");
        assertThat(BinariesSource.parse(" Artifact ", "x")).isEqualTo(BinariesSource.ARTIFACT);
    }

    @Test
    void uniqueDatabaseNamesAreIdentifiersThatKeepTheirSuffixWithinSixtyThreeBytes() {
        assertThat(LocalDatabases.databaseName("My Test!", 3)).isEqualTo("my_test__3");
        assertThat(LocalDatabases.databaseName("42nd", 1)).isEqualTo("db_42nd_1");
        assertThat(LocalDatabases.databaseName("", 1)).isEqualTo("db__1");
        String longName = LocalDatabases.databaseName("x".repeat(100), 12345);
        assertThat(longName).hasSize(63).endsWith("_12345");
    }
}
