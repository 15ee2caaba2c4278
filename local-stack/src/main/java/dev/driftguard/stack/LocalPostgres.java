package dev.driftguard.stack;

import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.pg.PgIdentifiers;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throw-away PostgreSQL server on 127.0.0.1 at a free port, for tests and the embedded demo.
 *
 * <p>Binaries come from the system or from the Maven artifact (see {@link BinariesSource}). When the JVM runs as
 * root, initdb/pg_ctl/postgres run as the OS user {@code postgres} (or {@code nobody}). The cluster has
 * {@code wal_level=logical}, room for replication slots and subscriptions, trust authentication for the superuser
 * {@code postgres}, durability switched off for speed, and its unix socket inside its data directory.
 *
 * <p>{@link #close()} stops the server and deletes its directory; a JVM shutdown hook does the same if the owner
 * forgets, and servers of JVMs that were killed are removed by the next {@link #start()} on the machine.
 */
public final class LocalPostgres implements AutoCloseable {

    /** The superuser every local cluster is initialised with. */
    public static final String SUPERUSER = "postgres";

    static final String DATA_DIR_NAME = "data";

    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
    private static final int PORT_ATTEMPTS = 5;
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private final Options options;
    private final PostgresBinaries binaries;
    private final ServerOsUser osUser;
    private final Path instanceDir;
    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final long postmasterPid;
    private final StopOnce stopOnce;
    private final AtomicInteger uniqueNames = new AtomicInteger();
    private boolean running = true;

    private LocalPostgres(
            Options options,
            PostgresBinaries binaries,
            ServerOsUser osUser,
            Path instanceDir,
            int port,
            long postmasterPid) {
        this.options = options;
        this.binaries = binaries;
        this.osUser = osUser;
        this.instanceDir = instanceDir;
        this.dataDir = instanceDir.resolve(DATA_DIR_NAME);
        this.logFile = instanceDir.resolve("postgres.log");
        this.port = port;
        this.postmasterPid = postmasterPid;
        this.stopOnce = new StopOnce("driftguard-postgres-" + options.name() + "-stop", this::stopAndDelete);
    }

    /** Starts a server with {@link Options#defaults()}. */
    public static LocalPostgres start() {
        return start(Options.defaults());
    }

    public static LocalPostgres start(Options options) {
        long started = System.nanoTime();
        PostgresBinaries binaries = PostgresBinaries.locate(options.binaries(), options.explicitBinDir());
        ServerOsUser osUser = ServerOsUser.detect();
        Path instanceDir = createInstanceDir(options);
        try {
            initdb(binaries, osUser, instanceDir);
            int port = startOnFreePort(options, binaries, osUser, instanceDir);
            long pid = OrphanedServers.postmasterPid(instanceDir.resolve(DATA_DIR_NAME))
                    .orElseThrow(() -> new LocalStackException("PostgreSQL in " + instanceDir
                            + " reported a successful start but wrote no postmaster.pid"));
            LocalPostgres server = new LocalPostgres(options, binaries, osUser, instanceDir, port, pid);
            LOG.info(
                    "PostgreSQL {} '{}' ready on 127.0.0.1:{} (data {}, OS user {}, binaries {}) in {} ms",
                    binaries.majorVersion(),
                    options.name(),
                    port,
                    instanceDir,
                    osUser,
                    binaries.binDir(),
                    (System.nanoTime() - started) / 1_000_000);
            return server;
        } catch (RuntimeException e) {
            OrphanedServers.postmasterPid(instanceDir.resolve(DATA_DIR_NAME))
                    .ifPresent(OrphanedServers::shutDownImmediately);
            FileTrees.deleteRecursively(instanceDir);
            throw e;
        }
    }

    private static Path createInstanceDir(Options options) {
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
                            + " (choose another base directory with Options.builder().baseDir(...))",
                    e);
        }
    }

    private static void initdb(PostgresBinaries binaries, ServerOsUser osUser, Path instanceDir) {
        osUser.takeOwnership(instanceDir);
        Path dataDir = instanceDir.resolve(DATA_DIR_NAME);
        CommandRunner.run(
                        osUser.wrap(List.of(
                                binaries.program("initdb").toString(),
                                "--pgdata=" + dataDir,
                                "--username=" + SUPERUSER,
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
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new LocalStackException("cannot extend " + dataDir.resolve("postgresql.conf"), e);
        }
    }

    private static int startOnFreePort(
            Options options, PostgresBinaries binaries, ServerOsUser osUser, Path instanceDir) {
        Path dataDir = instanceDir.resolve(DATA_DIR_NAME);
        Path logFile = instanceDir.resolve("postgres.log");
        for (int attempt = 1; ; attempt++) {
            int port = FreePorts.pick();
            writeSettings(dataDir, options.serverSettings(port, dataDir));
            osUser.takeOwnership(instanceDir);
            CommandRunner.Result result = CommandRunner.run(
                    osUser.wrap(List.of(
                            binaries.program("pg_ctl").toString(),
                            "start",
                            "--pgdata=" + dataDir,
                            "--log=" + logFile,
                            "--wait",
                            "--timeout=" + options.startTimeout().toSeconds())),
                    instanceDir,
                    Map.of(),
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

    private static void writeSettings(Path dataDir, Map<String, String> settings) {
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

    public String name() {
        return options.name();
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** The server's major version (15, 17, ...). */
    public int majorVersion() {
        return binaries.majorVersion();
    }

    /** The directory holding the initdb, pg_ctl and postgres programs this server was started from. */
    public Path binDirectory() {
        return binaries.binDir();
    }

    public Path dataDirectory() {
        return dataDir;
    }

    public Path logFile() {
        return logFile;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/db?user=postgres} (trust authentication: no password). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + encode(database) + "?user=" + SUPERUSER;
    }

    /** The libpq form {@code postgresql://postgres@127.0.0.1:PORT/db}. */
    public String uri(String database) {
        return "postgresql://" + SUPERUSER + "@" + host() + ":" + port + "/" + encode(database);
    }

    public ConnectionSpec connectionSpec(String database) {
        return ConnectionSpec.parse(uri(database));
    }

    /** A new connection (auto-commit on) to {@code database} as the superuser. */
    public Connection connect(String database) {
        return connectionSpec(database).connect();
    }

    /** Runs each statement in {@code database}, each in its own auto-committed transaction. */
    public void execute(String database, String... statements) {
        try (Connection c = connect(database);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new LocalStackException(
                    "statement failed in database " + database + " on " + this + ": " + e.getMessage(), e);
        }
    }

    public boolean databaseExists(String database) {
        try (Connection c = connect("postgres");
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new LocalStackException("cannot list databases on " + this + ": " + e.getMessage(), e);
        }
    }

    /** Creates {@code database}; fails if it exists. Returns its name. */
    public String createDatabase(String database) {
        execute("postgres", "CREATE DATABASE " + PgIdentifiers.quote(database));
        return database;
    }

    /**
     * Creates a database whose name starts with a sanitised {@code hint} (e.g. the test's name) and is unique on this
     * server, and returns that name.
     */
    public String createUniqueDatabase(String hint) {
        return createDatabase(uniqueName(hint));
    }

    String uniqueName(String hint) {
        return databaseName(hint, uniqueNames.incrementAndGet());
    }

    /** {@code hint} made a lower-case identifier, with {@code _n} appended. */
    static String databaseName(String hint, int n) {
        String base = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
            base = "db_" + base;
        }
        String suffix = "_" + n;
        // PostgreSQL truncates identifiers to 63 bytes; cut the hint so the unique suffix survives.
        return base.substring(0, Math.min(base.length(), 63 - suffix.length())) + suffix;
    }

    private static String encode(String database) {
        return URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public synchronized boolean isRunning() {
        return running;
    }

    /** Fast shutdown (rolls back open transactions, disconnects clients); keeps the data directory. Idempotent. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            CommandRunner.Result result = CommandRunner.run(
                    osUser.wrap(List.of(
                            binaries.program("pg_ctl").toString(),
                            "stop",
                            "--pgdata=" + dataDir,
                            "--mode=fast",
                            "--wait",
                            "--timeout=60")),
                    instanceDir,
                    Map.of(),
                    COMMAND_TIMEOUT);
            if (result.succeeded()) {
                // pg_ctl returns once postmaster.pid is gone, a moment before the postmaster has exited.
                OrphanedServers.awaitExit(postmasterPid, Duration.ofSeconds(10));
                LOG.info("PostgreSQL '{}' on port {} stopped", name(), port);
                return;
            }
            LOG.warn("pg_ctl stop of {} failed, shutting the postmaster down immediately: {}", this, result.output());
        }
        OrphanedServers.shutDownImmediately(postmasterPid);
    }

    /** Stops the server and deletes its data directory and log. Idempotent. */
    @Override
    public void close() {
        stopOnce.close();
    }

    private void stopAndDelete() {
        try {
            stop();
        } finally {
            FileTrees.deleteRecursively(instanceDir);
        }
    }

    @Override
    public String toString() {
        return "LocalPostgres[" + name() + " 127.0.0.1:" + port + " " + instanceDir + "]";
    }

    /**
     * How to start a {@link LocalPostgres}. {@link #builder()} starts from the system properties/environment:
     *
     * <ul>
     *   <li>{@code driftguard.postgres.binaries} / {@code DRIFTGUARD_PG_BINARIES}: {@code auto} (default),
     *       {@code system} or {@code artifact};
     *   <li>{@code driftguard.postgres.bin} / {@code DRIFTGUARD_PG_BIN}: an explicit bin directory (used by
     *       {@code auto}).
     * </ul>
     */
    public static final class Options {

        private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,19}");
        private static final Pattern SETTING = Pattern.compile("[a-z_][a-z0-9_.]*");

        private final String name;
        private final BinariesSource binaries;
        private final Path explicitBinDir;
        private final Path baseDir;
        private final Map<String, String> settings;
        private final Duration startTimeout;

        private Options(Builder b) {
            this.name = b.name;
            this.binaries = b.binaries;
            this.explicitBinDir = b.explicitBinDir;
            this.baseDir = b.baseDir;
            this.settings = Map.copyOf(b.settings);
            this.startTimeout = b.startTimeout;
        }

        public static Options defaults() {
            return builder().build();
        }

        public static Builder builder() {
            return new Builder();
        }

        /** A builder pre-filled with these options. */
        public Builder toBuilder() {
            Builder b = new Builder();
            b.name = name;
            b.binaries = binaries;
            b.explicitBinDir = explicitBinDir;
            b.baseDir = baseDir;
            b.settings.putAll(settings);
            b.startTimeout = startTimeout;
            return b;
        }

        public String name() {
            return name;
        }

        public BinariesSource binaries() {
            return binaries;
        }

        /** The explicit bin directory, or null. */
        public Path explicitBinDir() {
            return explicitBinDir;
        }

        public Path baseDir() {
            return baseDir;
        }

        /** Extra server settings that override the defaults. */
        public Map<String, String> settings() {
            return settings;
        }

        public Duration startTimeout() {
            return startTimeout;
        }

        /** Every server setting written to the cluster's configuration: the defaults overlaid with {@link #settings()}. */
        Map<String, String> serverSettings(int port, Path dataDir) {
            Map<String, String> s = new LinkedHashMap<>();
            s.put("listen_addresses", "127.0.0.1");
            s.put("port", Integer.toString(port));
            s.put("unix_socket_directories", dataDir.toString());
            s.put("max_connections", "200");
            s.put("shared_buffers", "128MB");
            s.put("wal_level", "logical");
            s.put("max_wal_senders", "32");
            s.put("max_replication_slots", "32");
            // Every subscription needs an apply worker plus table-sync workers during its initial copy.
            s.put("max_worker_processes", "40");
            s.put("max_logical_replication_workers", "24");
            s.put("max_sync_workers_per_subscription", "4");
            // Subscribers report their applied position every second instead of every 10 s (awaitCaughtUp).
            s.put("wal_receiver_status_interval", "1s");
            s.put("track_commit_timestamp", "on");
            s.put("fsync", "off");
            s.put("synchronous_commit", "off");
            s.put("full_page_writes", "off");
            s.put("timezone", "UTC");
            s.put("log_timezone", "UTC");
            s.put("log_min_messages", "warning");
            s.putAll(settings);
            return s;
        }

        @Override
        public String toString() {
            return "LocalPostgres.Options[name=" + name + ", binaries=" + binaries
                    + (explicitBinDir != null ? ", bin=" + explicitBinDir : "") + ", baseDir=" + baseDir
                    + ", settings=" + settings + ", startTimeout=" + startTimeout + "]";
        }

        /** Collects options; {@link #build()} validates them once. */
        public static final class Builder {
            private String name = "postgres";
            private BinariesSource binaries;
            private Path explicitBinDir;
            private Path baseDir;
            private final Map<String, String> settings = new LinkedHashMap<>();
            private Duration startTimeout = Duration.ofSeconds(60);

            private Builder() {
                String source = firstOf("driftguard.postgres.binaries", "DRIFTGUARD_PG_BINARIES");
                this.binaries = source == null
                        ? BinariesSource.AUTO
                        : BinariesSource.parse(source, "driftguard.postgres.binaries/DRIFTGUARD_PG_BINARIES");
                String bin = firstOf("driftguard.postgres.bin", "DRIFTGUARD_PG_BIN");
                this.explicitBinDir = bin == null || bin.isBlank() ? null : Path.of(bin);
                this.baseDir = defaultBaseDir();
            }

            private static String firstOf(String property, String env) {
                String value = System.getProperty(property);
                return value != null ? value : System.getenv(env);
            }

            private static Path defaultBaseDir() {
                return ServerOsUser.isRoot()
                        ? Path.of("/tmp/driftguard-pg")
                        : Path.of("/tmp/driftguard-pg-" + System.getProperty("user.name"));
            }

            /** A short label used in directory names and logs ({@code [a-z][a-z0-9_]{0,19}}). */
            public Builder name(String name) {
                this.name = name;
                return this;
            }

            public Builder binaries(BinariesSource binaries) {
                this.binaries = binaries;
                return this;
            }

            /** Use the programs in {@code binDir} (and binaries {@link BinariesSource#AUTO}). */
            public Builder binDir(Path binDir) {
                this.explicitBinDir = binDir;
                this.binaries = BinariesSource.AUTO;
                return this;
            }

            /** Where instance directories are created and orphans looked for (default /tmp/driftguard-pg). */
            public Builder baseDir(Path baseDir) {
                this.baseDir = baseDir;
                return this;
            }

            /** A server setting ({@code postgresql.conf} name and value) overriding the default. */
            public Builder setting(String name, String value) {
                this.settings.put(name, value);
                return this;
            }

            public Builder startTimeout(Duration startTimeout) {
                this.startTimeout = startTimeout;
                return this;
            }

            public Options build() {
                Objects.requireNonNull(binaries, "binaries");
                Objects.requireNonNull(baseDir, "baseDir");
                Objects.requireNonNull(startTimeout, "startTimeout");
                if (name == null || !NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("LocalPostgres name '" + name
                            + "' is invalid: use 1-20 characters a-z, 0-9, _ starting with a letter");
                }
                if (!baseDir.isAbsolute()) {
                    throw new IllegalArgumentException("LocalPostgres baseDir '" + baseDir + "' must be absolute");
                }
                if (startTimeout.isNegative() || startTimeout.toSeconds() < 1) {
                    throw new IllegalArgumentException(
                            "LocalPostgres startTimeout " + startTimeout + " must be at least one second");
                }
                settings.forEach((setting, value) -> {
                    if (!SETTING.matcher(setting).matches() || value == null) {
                        throw new IllegalArgumentException("server setting '" + setting + "' = '" + value
                                + "' is invalid: use a postgresql.conf parameter name and a non-null value");
                    }
                });
                return new Options(this);
            }
        }
    }
}
