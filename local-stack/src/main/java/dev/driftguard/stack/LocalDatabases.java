package dev.driftguard.stack;

import dev.driftguard.pg.PgIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** The databases of one {@link LocalPostgres}, administered as its superuser: statements, existence, creation. */
final class LocalDatabases {

    private final LocalPostgres server;
    private final AtomicInteger uniqueNames = new AtomicInteger();

    LocalDatabases(LocalPostgres server) {
        this.server = server;
    }

    void execute(String database, String... statements) {
        try (Connection c = server.connect(database);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new LocalStackException(
                    "statement failed in database " + database + " on " + server + ": " + e.getMessage(), e);
        }
    }

    boolean exists(String database) {
        try (Connection c = server.connect("postgres");
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new LocalStackException("cannot list databases on " + server + ": " + e.getMessage(), e);
        }
    }

    String create(String database) {
        execute("postgres", "CREATE DATABASE " + PgIdentifiers.quote(database));
        return database;
    }

    /** A name from {@code hint} not handed out before by this server (it may still exist if created by hand). */
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
}
