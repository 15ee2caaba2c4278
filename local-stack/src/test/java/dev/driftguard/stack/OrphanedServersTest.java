package dev.driftguard.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanedServersTest {

    private static final long DEAD_PID = 999_999_999L;

    @Test
    void theCurrentProcessRunsAndAnImpossiblePidDoesNot() {
        assertThat(OrphanedServers.isRunning(ProcessHandle.current().pid())).isTrue();
        assertThat(OrphanedServers.isRunning(DEAD_PID)).isFalse();
    }

    @Test
    void reapingDeletesDirectoriesOfDeadOwnersOnly(@TempDir Path base) throws Exception {
        Path dead = Files.createDirectories(base.resolve(DEAD_PID + "-kafka-1/logs"));
        Files.writeString(dead.resolve("segment"), "x");
        Path mine = Files.createDirectories(base.resolve(OrphanedServers.ownerPrefix() + "source-2/data"));
        Path foreign = Files.createDirectories(base.resolve("not-an-instance"));

        OrphanedServers.reap(base);

        assertThat(base.resolve(DEAD_PID + "-kafka-1")).doesNotExist();
        assertThat(mine).exists();
        assertThat(foreign).exists();
    }

    @Test
    void aMissingPidFileMeansNoPostmaster(@TempDir Path dataDir) throws Exception {
        assertThat(OrphanedServers.postmasterPid(dataDir)).isEmpty();
        Files.writeString(dataDir.resolve("postmaster.pid"), "4242\n/tmp/data\n");
        assertThat(OrphanedServers.postmasterPid(dataDir)).contains(4242L);
    }
}
