package dev.driftguard.stack;

import dev.driftguard.pg.Polling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and removes PostgreSQL servers left behind by JVMs that died without stopping them (kill -9, crash). Every
 * instance directory under the base directory is named {@code <owner pid>-...}; when that owner is gone, its
 * postmaster (if any) is shut down immediately and the directory is deleted.
 */
final class OrphanedServers {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanedServers.class);
    private static final Pattern INSTANCE_DIR = Pattern.compile("^(\\d+)-.+");
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(15);

    private OrphanedServers() {}

    /** The name prefix of instance directories owned by the current JVM. */
    static String ownerPrefix() {
        return ProcessHandle.current().pid() + "-";
    }

    static void reap(Path baseDir) {
        if (!Files.isDirectory(baseDir)) {
            return;
        }
        List<Path> dirs;
        try (Stream<Path> children = Files.list(baseDir)) {
            dirs = children.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new LocalStackException("cannot list " + baseDir + " for orphaned servers: " + e.getMessage(), e);
        }
        for (Path dir : dirs) {
            Matcher m = INSTANCE_DIR.matcher(dir.getFileName().toString());
            if (m.matches() && !ownerAlive(Long.parseLong(m.group(1)), dir)) {
                reapInstance(dir);
            }
        }
    }

    /**
     * Whether the JVM that created {@code dir} still runs. A process with that pid that started after the directory
     * was last modified is a later process that reused the pid, not the owner.
     */
    private static boolean ownerAlive(long pid, Path dir) {
        Optional<ProcessHandle> owner = ProcessHandle.of(pid);
        if (owner.isEmpty() || !isRunning(pid)) {
            return false;
        }
        Optional<Instant> started = owner.get().info().startInstant();
        try {
            Instant modified = Files.getLastModifiedTime(dir).toInstant();
            return started.map(s -> !s.isAfter(modified)).orElse(true);
        } catch (IOException e) {
            // Vanished while we looked: its owner is removing it.
            return true;
        }
    }

    private static void reapInstance(Path dir) {
        Optional<Long> postmaster = postmasterPid(dir.resolve(PostgresCluster.DATA_DIR_NAME));
        postmaster.ifPresent(OrphanedServers::shutDownImmediately);
        FileTrees.deleteRecursively(dir);
        LOG.warn(
                "removed orphaned local-stack directory {} (its JVM is gone){}",
                dir,
                postmaster.map(pid -> "; stopped its postmaster pid " + pid).orElse(""));
    }

    /** The postmaster's pid from the first line of {@code postmaster.pid}, if the file is there. */
    static Optional<Long> postmasterPid(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() || !lines.get(0).strip().matches("\\d+")
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new LocalStackException("cannot read " + pidFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Immediate shutdown: SIGQUIT makes the postmaster stop all its backends and exit without a checkpoint (what
     * {@code pg_ctl stop -m immediate} sends). Java can only send SIGTERM/SIGKILL, hence {@code kill -QUIT}. If it
     * is still alive after a grace period, the postmaster and its children are killed.
     */
    static void shutDownImmediately(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(OrphanedServers::isPostgres);
        if (handle.isEmpty() || !isRunning(pid)) {
            return;
        }
        List<ProcessHandle> children = handle.get().descendants().toList();
        CommandRunner.run(List.of("kill", "-QUIT", Long.toString(pid)), Path.of("/"), Map.of(), Duration.ofSeconds(10));
        if (!awaitExit(pid, SHUTDOWN_WAIT)) {
            LOG.warn("postmaster {} ignored SIGQUIT for {}; killing it and its children", pid, SHUTDOWN_WAIT);
            children.forEach(ProcessHandle::destroyForcibly);
            handle.get().destroyForcibly();
            awaitExit(pid, SHUTDOWN_WAIT);
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info()
                .command()
                .map(cmd -> cmd.endsWith("/postgres") || cmd.equals("postgres"))
                .orElse(true);
    }

    /**
     * Polls, because {@link ProcessHandle#onExit()} of a process that is not our child (a postmaster is adopted by
     * init once pg_ctl exits) backs off to second-long sleeps.
     */
    static boolean awaitExit(long pid, Duration timeout) {
        try {
            return Polling.until(timeout, Duration.ofMillis(10), () -> !isRunning(pid));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for process " + pid + " to exit", e);
        }
    }

    /**
     * Whether {@code pid} is a running process. An exited postmaster stays a zombie until init reaps it (which some
     * container init processes do only every few seconds), and {@link ProcessHandle#isAlive()} counts zombies as
     * alive; /proc's state field tells them apart.
     */
    static boolean isRunning(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String content = Files.readString(stat);
            char state = content.charAt(content.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        } catch (IOException | RuntimeException unreadable) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }
}
