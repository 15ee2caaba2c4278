package dev.driftguard.stack;

import dev.driftguard.pg.ConnectionSpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
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

    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);

    private final LocalPostgresOptions options;
    private final PostgresCluster cluster;
    private final int port;
    private final long postmasterPid;
    private final StopOnce stopOnce;
    private final LocalDatabases databases = new LocalDatabases(this);
    private boolean running = true;

    private LocalPostgres(LocalPostgresOptions options, PostgresCluster cluster, int port, long postmasterPid) {
        this.options = options;
        this.cluster = cluster;
        this.port = port;
        this.postmasterPid = postmasterPid;
        this.stopOnce = new StopOnce("driftguard-postgres-" + options.name() + "-stop", this::stopAndDelete);
    }

    /** Starts a server with {@link LocalPostgresOptions#defaults()}. */
    public static LocalPostgres start() {
        return start(LocalPostgresOptions.defaults());
    }

    public static LocalPostgres start(LocalPostgresOptions options) {
        long started = System.nanoTime();
        PostgresCluster cluster = PostgresCluster.create(options);
        try {
            cluster.initdb();
            int port = cluster.startOnFreePort();
            LocalPostgres server = new LocalPostgres(options, cluster, port, cluster.postmasterPid());
            LOG.info(
                    "PostgreSQL {} '{}' ready on 127.0.0.1:{} (data {}, OS user {}, binaries {}) in {} ms",
                    cluster.binaries().majorVersion(),
                    options.name(),
                    port,
                    cluster.instanceDir(),
                    cluster.osUser(),
                    cluster.binaries().binDir(),
                    (System.nanoTime() - started) / 1_000_000);
            return server;
        } catch (RuntimeException e) {
            cluster.discard();
            throw e;
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
        return cluster.binaries().majorVersion();
    }

    /** The directory holding the initdb, pg_ctl and postgres programs this server was started from. */
    public Path binDirectory() {
        return cluster.binaries().binDir();
    }

    public Path dataDirectory() {
        return cluster.dataDir();
    }

    public Path logFile() {
        return cluster.logFile();
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
        databases.execute(database, statements);
    }

    public boolean databaseExists(String database) {
        return databases.exists(database);
    }

    /** Creates {@code database}; fails if it exists. Returns its name. */
    public String createDatabase(String database) {
        return databases.create(database);
    }

    /**
     * Creates a database whose name starts with a sanitised {@code hint} (e.g. the test's name) and is unique on this
     * server, and returns that name.
     */
    public String createUniqueDatabase(String hint) {
        return createDatabase(uniqueName(hint));
    }

    String uniqueName(String hint) {
        return databases.uniqueName(hint);
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
        cluster.stop(postmasterPid, this);
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
            cluster.delete();
        }
    }

    @Override
    public String toString() {
        return "LocalPostgres[" + name() + " 127.0.0.1:" + port + " " + cluster.instanceDir() + "]";
    }
}
