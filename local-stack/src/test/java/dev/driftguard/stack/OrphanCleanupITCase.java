package dev.driftguard.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OrphanCleanupITCase {

    /** Larger than any Linux pid_max (at most 2^22), so no process can have it. */
    private static final long DEAD_PID = 999_999_999L;

    @Test
    void aServerWhoseOwnerDiedIsStoppedAndDeletedByTheNextStart() throws Exception {
        Path base = Files.createTempDirectory("driftguard-orphans-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        LocalPostgresOptions options =
                LocalPostgresOptions.builder().baseDir(base).build();
        try (LocalPostgres orphan = LocalPostgres.start(options)) {
            long postmaster =
                    OrphanedServers.postmasterPid(orphan.dataDirectory()).orElseThrow();
            Path instance = orphan.dataDirectory().getParent();
            Path abandoned = base.resolve(
                    DEAD_PID + "-" + instance.getFileName().toString().split("-", 2)[1]);
            assertThat(ProcessHandle.of(DEAD_PID)).isEmpty();
            Files.move(instance, abandoned);

            try (LocalPostgres next = LocalPostgres.start(options)) {
                assertThat(abandoned).doesNotExist();
                assertThat(OrphanedServers.isRunning(postmaster)).isFalse();
                assertThat(next.isRunning()).isTrue();
                assertThat(next.dataDirectory()).exists();
            }
        } finally {
            FileTrees.deleteRecursively(base);
        }
    }

    @Test
    void aServerOfAKilledJvmIsStoppedAndDeletedByTheNextStart() throws Exception {
        Path base = Files.createTempDirectory("driftguard-orphans-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process owner = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        StartAndWaitMain.class.getName(),
                        base.toString())
                .redirectErrorStream(true)
                .start();
        try {
            long postmaster = readPostmasterPid(owner);
            assertThat(OrphanedServers.isRunning(postmaster)).isTrue();
            owner.destroyForcibly().waitFor();

            try (LocalPostgres next = LocalPostgres.start(
                    LocalPostgresOptions.builder().baseDir(base).build())) {
                assertThat(OrphanedServers.isRunning(postmaster)).isFalse();
                try (Stream<Path> instances = Files.list(base)) {
                    assertThat(instances).containsExactly(next.dataDirectory().getParent());
                }
            }
        } finally {
            owner.destroyForcibly();
            FileTrees.deleteRecursively(base);
        }
    }

    private static long readPostmasterPid(Process owner) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("POSTMASTER ")) {
                return Long.parseLong(line.substring("POSTMASTER ".length()).strip());
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the owner JVM exited before starting PostgreSQL:\n" + seen);
    }

    @Test
    void directoriesOfLiveOwnersAreLeftAlone() throws Exception {
        Path base = Files.createTempDirectory("driftguard-orphans-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        LocalPostgresOptions options =
                LocalPostgresOptions.builder().baseDir(base).build();
        try (LocalPostgres first = LocalPostgres.start(options);
                LocalPostgres second = LocalPostgres.start(options)) {
            assertThat(first.isRunning()).isTrue();
            assertThat(first.dataDirectory().resolve("postmaster.pid")).exists();
            assertThat(second.dataDirectory().resolve("postmaster.pid")).exists();
        } finally {
            FileTrees.deleteRecursively(base);
        }
    }
}
