package dev.driftguard.stack;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Two local servers, a migration's source and target, with PostgreSQL's native logical replication between them:
 * the stand-in for the migration's own replication in tests and in the demo.
 *
 * <p>Logical replication copies rows, not DDL: tables must exist on the target before {@link #replicate(String)}
 * (create them on both sides with {@link #executeOnBoth(String, String...)} or copy them with
 * {@link #copySchema(String)}). Tables created on the source later need {@link #refresh(String)}.
 */
public final class PostgresPair implements AutoCloseable {

    private final LocalPostgres source;
    private final LocalPostgres target;

    private PostgresPair(LocalPostgres source, LocalPostgres target) {
        this.source = source;
        this.target = target;
    }

    public static PostgresPair start() {
        return start(LocalPostgresOptions.defaults());
    }

    /** Starts both servers in parallel with {@code options}, named {@code source} and {@code target}. */
    public static PostgresPair start(LocalPostgresOptions options) {
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
        createDatabase(database);
        SchemaCopy.copy(source, target, database);
    }

    /**
     * Replicates every table of {@code database} from source to target: creates the database on both sides if
     * missing, a publication {@code FOR ALL TABLES} on the source and a subscription (which copies existing rows first)
     * on the target. Idempotent.
     */
    public LogicalReplication replicate(String database) {
        createDatabase(database);
        return replication(database).start();
    }

    /** Makes the subscription pick up tables created on the source (and target) after {@link #replicate}. */
    public void refresh(String database) {
        replication(database).refresh();
    }

    /** Drops the subscription (and with it the replication slot on the source); the publication stays. */
    public void stopReplication(String database) {
        replication(database).stop();
    }

    /**
     * Waits until the target has applied everything the source had written when this was called: every table's
     * initial copy is done and the subscription's slot has confirmed the source's current WAL insert position.
     */
    public void awaitCaughtUp(String database, Duration timeout) {
        replication(database).awaitCaughtUp(timeout);
    }

    private PairReplication replication(String database) {
        return PairReplication.of(source, target, database);
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
