package dev.driftguard.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArtifactBinariesITCase {

    @Test
    void forcedArtifactBinariesRunAServer() throws Exception {
        LocalPostgresOptions options = LocalPostgresOptions.builder()
                .name("artifact")
                .binaries(BinariesSource.ARTIFACT)
                .build();
        try (LocalPostgres pg = LocalPostgres.start(options)) {
            assertThat(pg.binDirectory()).startsWith(ArtifactBinaries.cacheRoot());
            assertThat(pg.majorVersion()).isEqualTo(17);
            assertThat(serverVersion(pg)).startsWith("PostgreSQL 17.");
        }
    }

    @Test
    void concurrentExtractionsIntoAnEmptyCacheYieldOneCompleteDirectory() throws Exception {
        Path cache = Files.createTempDirectory("driftguard-pg-cache-");
        // The server user (postgres when the tests run as root) must be able to traverse the cache.
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            CompletableFuture<PostgresBinaries> first =
                    CompletableFuture.supplyAsync(() -> ArtifactBinaries.extractOnce(cache));
            CompletableFuture<PostgresBinaries> second =
                    CompletableFuture.supplyAsync(() -> ArtifactBinaries.extractOnce(cache));
            assertThat(first.join().binDir()).isEqualTo(second.join().binDir());
            try (Stream<Path> entries = Files.list(cache)) {
                assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("17.5.0");
            }
            assertThat(cache.resolve("17.5.0/lib/libpq.so.5")).isSymbolicLink();

            LocalPostgresOptions options = LocalPostgresOptions.builder()
                    .name("extracted")
                    .binDir(first.join().binDir())
                    .build();
            try (LocalPostgres pg = LocalPostgres.start(options)) {
                assertThat(serverVersion(pg)).startsWith("PostgreSQL 17.");
            }
        } finally {
            FileTrees.deleteRecursively(cache);
        }
    }

    private static String serverVersion(LocalPostgres pg) throws Exception {
        try (Connection c = pg.connect("postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version()")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
