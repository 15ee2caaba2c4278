package dev.driftguard.stack;

import dev.driftguard.pg.Lsn;
import dev.driftguard.pg.PgIdentifiers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two local servers, a migration's source and target, with PostgreSQL's native logical replication between them:
 * the stand-in for the migration's own replication in tests and in the demo.
 *
 * <p>Logical replication copies rows, not DDL: tables must exist on the target before {@link #replicate(String)}
 * (create them on both sides with {@link #executeOnBoth(String, String...)} or copy them with
 * {@link #copySchema(String)}). Tables created on the source later need {@link #refresh(String)}.
 */
public final class PostgresPair implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresPair.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final LocalPostgres source;
    private final LocalPostgres target;

    private PostgresPair(LocalPostgres source, LocalPostgres target) {
        this.source = source;
        this.target = target;
    }

    public static PostgresPair start() {
        return start(LocalPostgres.Options.defaults());
    }

    /** Starts both servers in parallel with {@code options}, named {@code source} and {@code target}. */
    public static PostgresPair start(LocalPostgres.Options options) {
        CompletableFuture<LocalPostgres> source = Background.start(
                "driftguard-start-source",
                () -> LocalPostgres.start(options.toBuilder().name("source").build()));
        CompletableFuture<LocalPostgres> target = Background.start(
                "driftguard-start-target",
                () -> LocalPostgres.start(options.toBuilder().name("target").build()));
        try {
            return new PostgresPair(source.join(), target.join());
        } catch (CompletionException e) {
            source.thenAccept(LocalPostgres::close);
            target.thenAccept(LocalPostgres::close);
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    public LocalPostgres source() {
        return source;
    }

    public LocalPostgres target() {
        return target;
    }

    /** Creates {@code database} on each side where it does not exist yet. */
    public void createDatabase(String database) {
        for (LocalPostgres side : List.of(source, target)) {
            if (!side.databaseExists(database)) {
                side.createDatabase(database);
            }
        }
    }

    /** Creates a database with a unique name (see {@link LocalPostgres#createUniqueDatabase}) on both sides. */
    public String createUniqueDatabase(String hint) {
        String name = source.uniqueName(hint);
        while (source.databaseExists(name) || target.databaseExists(name)) {
            name = source.uniqueName(hint);
        }
        createDatabase(name);
        return name;
    }

    /** Runs the statements (typically DDL) on the source, then on the target. */
    public void executeOnBoth(String database, String... statements) {
        source.execute(database, statements);
        target.execute(database, statements);
    }

    /**
     * Copies the source's schema (tables, types, sequences, functions; no data, publications or subscriptions) of
     * {@code database} to the target with pg_dump and psql, which must be at least the servers' major version.
     */
    public void copySchema(String database) {
        Path pgDump = clientProgram("pg_dump");
        Path psql = clientProgram("psql");
        createDatabase(database);
        Path dump;
        try {
            dump = Files.createTempFile("driftguard-schema-", ".sql");
        } catch (IOException e) {
            throw new LocalStackException("cannot create a temporary file for the schema dump", e);
        }
        try {
            CommandRunner.run(
                            List.of(
                                    pgDump.toString(),
                                    "--schema-only",
                                    "--no-publications",
                                    "--no-subscriptions",
                                    "--file=" + dump,
                                    "--dbname=" + source.uri(database)),
                            Path.of("/"),
                            Map.of(),
                            Duration.ofMinutes(2))
                    .orThrow("pg_dump of the schema of " + source.uri(database));
            CommandRunner.run(
                            List.of(
                                    psql.toString(),
                                    "--quiet",
                                    "--no-psqlrc",
                                    "--set=ON_ERROR_STOP=1",
                                    "--file=" + dump,
                                    "--dbname=" + target.uri(database)),
                            Path.of("/"),
                            Map.of(),
                            Duration.ofMinutes(2))
                    .orThrow("restoring the schema of " + database + " into " + target.uri(database));
        } finally {
            FileTrees.deleteRecursively(dump);
        }
    }

    /** pg_dump/psql next to the server binaries, else the system's, if new enough for the servers. */
    private Path clientProgram(String name) {
        Optional<PostgresBinaries> own = PostgresBinaries.at(source.binDirectory(), "server");
        Optional<Path> program = own.flatMap(b -> b.clientProgram(name));
        if (program.isPresent()) {
            return program.get();
        }
        return PostgresBinaries.system()
                .filter(system -> system.majorVersion() >= source.majorVersion())
                .flatMap(system -> system.clientProgram(name))
                .orElseThrow(() -> new LocalStackException("no " + name + " of PostgreSQL " + source.majorVersion()
                        + " or newer next to " + source.binDirectory() + " or in the system installation: create"
                        + " the tables on both sides with executeOnBoth(...) instead, or install postgresql-client-"
                        + source.majorVersion()));
    }

    /**
     * Replicates every table of {@code database} from source to target: creates the database on both sides if
     * missing, a publication {@code FOR ALL TABLES} on the source and a subscription (which copies existing rows first)
     * on the target. Idempotent.
     */
    public LogicalReplication replicate(String database) {
        createDatabase(database);
        LogicalReplication replication = LogicalReplication.forDatabase(database);
        try (Connection c = source.connect(database)) {
            if (!exists(c, "SELECT 1 FROM pg_publication WHERE pubname = ?", replication.publication())) {
                execute(c, "CREATE PUBLICATION " + PgIdentifiers.quote(replication.publication()) + " FOR ALL TABLES");
            }
        } catch (SQLException e) {
            throw new LocalStackException(
                    "cannot create publication " + replication.publication() + " in " + source.uri(database), e);
        }
        try (Connection c = target.connect(database)) {
            if (!exists(c, "SELECT 1 FROM pg_subscription WHERE subname = ?", replication.subscription())) {
                String conninfo = source.connectionSpec(database).libpqConninfo();
                execute(
                        c,
                        "CREATE SUBSCRIPTION " + PgIdentifiers.quote(replication.subscription())
                                + " CONNECTION '" + conninfo.replace("'", "''") + "' PUBLICATION "
                                + PgIdentifiers.quote(replication.publication()));
            }
        } catch (SQLException e) {
            throw new LocalStackException(
                    "cannot create subscription " + replication.subscription() + " in " + target.uri(database) + " to "
                            + source.uri(database) + ": " + e.getMessage(),
                    e);
        }
        LOG.info("replicating {} from {} to {}", database, source, target);
        return replication;
    }

    /** Makes the subscription pick up tables created on the source (and target) after {@link #replicate}. */
    public void refresh(String database) {
        target.execute(
                database,
                "ALTER SUBSCRIPTION "
                        + PgIdentifiers.quote(
                                LogicalReplication.forDatabase(database).subscription())
                        + " REFRESH PUBLICATION");
    }

    /** Drops the subscription (and with it the replication slot on the source); the publication stays. */
    public void stopReplication(String database) {
        target.execute(
                database,
                "DROP SUBSCRIPTION IF EXISTS "
                        + PgIdentifiers.quote(
                                LogicalReplication.forDatabase(database).subscription()));
    }

    /**
     * Waits until the target has applied everything the source had written when this was called: every table's
     * initial copy is done and the subscription's slot has confirmed the source's current WAL insert position.
     */
    public void awaitCaughtUp(String database, Duration timeout) {
        LogicalReplication replication = LogicalReplication.forDatabase(database);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection src = source.connect(database);
                Connection dst = target.connect(database)) {
            // The insert position, not pg_current_wal_lsn(): with synchronous_commit=off a commit that has returned
            // may still sit in the WAL buffers, behind the write position.
            Lsn goal = Lsn.parse(queryString(src, "SELECT pg_current_wal_insert_lsn()::text", null));
            while (true) {
                List<String> syncing = notReadyTables(dst, replication.subscription());
                String confirmed = queryString(
                        src,
                        "SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = ?",
                        replication.slot());
                boolean caughtUp = syncing.isEmpty()
                        && confirmed != null
                        && Lsn.parse(confirmed).compareTo(goal) >= 0;
                if (caughtUp) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new LocalStackException("replication of " + database + " from " + source + " to " + target
                            + " did not catch up within " + timeout + ": source at " + goal + ", slot "
                            + replication.slot() + " confirmed " + confirmed + ", tables still syncing " + syncing
                            + " (see " + target.logFile() + ")");
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (SQLException e) {
            throw new LocalStackException("cannot check replication progress of " + database + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for replication of " + database, e);
        }
    }

    private static List<String> notReadyTables(Connection target, String subscription) throws SQLException {
        try (PreparedStatement ps =
                target.prepareStatement("SELECT r.srrelid::regclass::text || ':' || r.srsubstate::text"
                        + " FROM pg_subscription_rel r JOIN pg_subscription s ON s.oid = r.srsubid"
                        + " WHERE s.subname = ? AND r.srsubstate <> 'r'")) {
            ps.setString(1, subscription);
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            return tables;
        }
    }

    private static boolean exists(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String queryString(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Stops and deletes both servers. Idempotent. */
    @Override
    public void close() {
        try {
            target.close();
        } finally {
            source.close();
        }
    }

    @Override
    public String toString() {
        return "PostgresPair[" + source + " -> " + target + "]";
    }

    /**
     * The names PostgresPair uses to replicate one database: publication on the source, subscription on the target
     * and the subscription's replication slot on the source (slot names allow only {@code [a-z0-9_]}).
     */
    public record LogicalReplication(String database, String publication, String subscription, String slot) {

        static LogicalReplication forDatabase(String database) {
            String sanitized = database.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            String suffix = Integer.toHexString(database.hashCode());
            String base = sanitized.substring(0, Math.min(sanitized.length(), 40)) + "_" + suffix;
            String subscription = "dg_sub_" + base;
            return new LogicalReplication(database, "dg_pub_" + base, subscription, subscription);
        }
    }
}
