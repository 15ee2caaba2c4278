package dev.driftguard.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server process of one {@link LocalPostgres}: its instance directory, initdb, pg_ctl start on a free port and
 * pg_ctl stop, each run as the cluster's OS user (see {@link ServerOsUser}).
 */
final class PostgresCluster {

    static final String DATA_DIR_NAME = "data";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresCluster.class);
    private static final int PORT_ATTEMPTS = 5;
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private final LocalPostgresOptions options;
    private final PostgresBinaries binaries;
    private final ServerOsUser osUser;
    private final Path instanceDir;
    private final Path dataDir;
    private final Path logFile;

    private PostgresCluster(LocalPostgresOptions options, PostgresBinaries binaries, ServerOsUser osUser, Path dir) {
        this.options = options;
        this.binaries = binaries;
        this.osUser = osUser;
        this.instanceDir = dir;
        this.dataDir = dir.resolve(DATA_DIR_NAME);
        this.logFile = dir.resolve("postgres.log");
    }

    /** Reaps orphans under the base directory and creates a fresh instance directory for a new cluster. */
    static PostgresCluster create(LocalPostgresOptions options) {
        PostgresBinaries binaries = PostgresBinaries.locate(options.binaries(), options.explicitBinDir());
        return new PostgresCluster(options, binaries, ServerOsUser.detect(), createInstanceDir(options));
    }

    private static Path createInstanceDir(LocalPostgresOptions options) {
        Path base = options.baseDir();
        try {
            if (!Files.isDirectory(base)) {
                Files.createDirectories(base);
                Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            OrphanedServers.reap(base);
            return Files.createTempDirectory(base, OrphanedServers.ownerPrefix() + options.name() + "-");
        } catch (IOException e) {
            throw new LocalStackException(
                    "cannot create a PostgreSQL instance directory under " + base + ": " + e.getMessage()
                            + " (choose another base directory with LocalPostgresOptions.builder().baseDir(...))",
                    e);
        }
    }

    PostgresBinaries binaries() {
        return binaries;
    }

    ServerOsUser osUser() {
        return osUser;
    }

    Path instanceDir() {
        return instanceDir;
    }

    Path dataDir() {
        return dataDir;
    }

    Path logFile() {
        return logFile;
    }

    void initdb() {
        osUser.takeOwnership(instanceDir);
        CommandRunner.run(
                        osUser.wrap(List.of(
                                binaries.program("initdb").toString(),
                                "--pgdata=" + dataDir,
                                "--username=" + LocalPostgres.SUPERUSER,
                                "--auth=trust",
                                "--encoding=UTF8",
                                "--locale=C",
                                "--no-sync")),
                        instanceDir,
                        Map.of(),
                        COMMAND_TIMEOUT)
                .orThrow("initdb of " + dataDir + " as OS user " + osUser.name());
        try {
            Files.writeString(
                    dataDir.resolve("postgresql.conf"),
                    System.lineSeparator() + "include 'driftguard.conf'" + System.lineSeparator(),
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new LocalStackException("cannot extend " + dataDir.resolve("postgresql.conf"), e);
        }
    }

    /**
     * Starts the server on a free port and returns the port. A port picked free can be taken before the server binds
     * it; then another port is tried, a few times.
     */
    int startOnFreePort() {
        for (int attempt = 1; ; attempt++) {
            int port = FreePorts.pick();
            writeSettings(options.serverSettings(port, dataDir));
            osUser.takeOwnership(instanceDir);
            CommandRunner.Result result = pgCtl(
                    "start",
                    List.of(
                            "--log=" + logFile,
                            "--wait",
                            "--timeout=" + options.startTimeout().toSeconds()),
                    options.startTimeout().plusSeconds(30));
            if (result.succeeded()) {
                return port;
            }
            String log = tail(logFile);
            boolean portTaken = log.contains("could not bind") || log.contains("Address already in use");
            if (!portTaken || attempt == PORT_ATTEMPTS) {
                throw new LocalStackException("PostgreSQL '" + options.name() + "' did not start on port " + port
                        + " (attempt " + attempt + "): " + result.output().strip() + System.lineSeparator()
                        + "server log " + logFile + ":" + System.lineSeparator() + log);
            }
            LOG.debug("port {} was taken before PostgreSQL could bind it; retrying with another", port);
        }
    }

    /** The running postmaster's pid. */
    long postmasterPid() {
        return OrphanedServers.postmasterPid(dataDir)
                .orElseThrow(() -> new LocalStackException(
                        "PostgreSQL in " + instanceDir + " reported a successful start but wrote no postmaster.pid"));
    }

    /**
     * Fast shutdown (rolls back open transactions, disconnects clients); falls back to an immediate shutdown of
     * {@code postmasterPid} when pg_ctl fails or the server wrote no pid file.
     */
    void stop(long postmasterPid, LocalPostgres server) {
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            CommandRunner.Result result =
                    pgCtl("stop", List.of("--mode=fast", "--wait", "--timeout=60"), COMMAND_TIMEOUT);
            if (result.succeeded()) {
                // pg_ctl returns once postmaster.pid is gone, a moment before the postmaster has exited.
                OrphanedServers.awaitExit(postmasterPid, Duration.ofSeconds(10));
                LOG.info("PostgreSQL '{}' on port {} stopped", server.name(), server.port());
                return;
            }
            LOG.warn("pg_ctl stop of {} failed, shutting the postmaster down immediately: {}", server, result.output());
        }
        OrphanedServers.shutDownImmediately(postmasterPid);
    }

    /** After a failed start: stops whatever started and deletes the instance directory. */
    void discard() {
        OrphanedServers.postmasterPid(dataDir).ifPresent(OrphanedServers::shutDownImmediately);
        delete();
    }

    void delete() {
        FileTrees.deleteRecursively(instanceDir);
    }

    private CommandRunner.Result pgCtl(String action, List<String> arguments, Duration timeout) {
        List<String> command =
                new ArrayList<>(List.of(binaries.program("pg_ctl").toString(), action, "--pgdata=" + dataDir));
        command.addAll(arguments);
        return CommandRunner.run(osUser.wrap(command), instanceDir, Map.of(), timeout);
    }

    private void writeSettings(Map<String, String> settings) {
        StringBuilder conf = new StringBuilder("# written by driftguard LocalPostgres").append(System.lineSeparator());
        settings.forEach((name, value) -> conf.append(name)
                .append(" = '")
                .append(value.replace("'", "''"))
                .append('\'')
                .append(System.lineSeparator()));
        try {
            Files.writeString(dataDir.resolve("driftguard.conf"), conf);
        } catch (IOException e) {
            throw new LocalStackException("cannot write " + dataDir.resolve("driftguard.conf"), e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
