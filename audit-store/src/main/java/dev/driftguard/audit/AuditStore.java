package dev.driftguard.audit;

import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.pg.DatabaseAccessException;
import dev.driftguard.pg.PgErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit store: the {@value #SCHEMA} schema of a PostgreSQL database that every driftguard component writes to.
 * {@link #open} applies the schema migrations first, so any command that writes to the store can simply open it.
 *
 * <p>This class writes and reads what several components share: migrations and findings. Component-specific tables
 * (validation_status, batch_runs/segments, cutover_runs/steps) are written by their components through
 * {@link #connection()}. The typed methods share one connection and are synchronized; findings writes are idempotent
 * (upsert by finding id), so a failed call can simply be repeated.
 */
public final class AuditStore implements AutoCloseable {

    /** The schema holding every audit table and Flyway's history table. */
    public static final String SCHEMA = "driftguard";

    private static final Logger LOG = LoggerFactory.getLogger(AuditStore.class);

    private final ConnectionSpec spec;
    private final String schemaVersion;
    private Connection shared;
    private boolean closed;

    private AuditStore(ConnectionSpec spec, String schemaVersion) {
        this.spec = spec;
        this.schemaVersion = schemaVersion;
    }

    /** Brings the schema up to date (creating it in an empty database) and returns a store on it. */
    public static AuditStore open(ConnectionSpec spec) {
        return new AuditStore(spec, SchemaMigrations.apply(spec));
    }

    /**
     * A store on an existing, up-to-date schema, for reading: changes nothing in the database (no schema is created,
     * no migration applied); a database without the audit store is an error naming what creates it.
     */
    public static AuditStore openExisting(ConnectionSpec spec) {
        return new AuditStore(spec, SchemaMigrations.existing(spec));
    }

    /** The ids of the migrations the store knows (that wrote to it), sorted. */
    public synchronized List<String> migrationIds() {
        return withRetry("list the migrations", c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM driftguard.migrations ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    /** The Flyway version of the schema after migration (e.g. {@code 1}). */
    public String schemaVersion() {
        return schemaVersion;
    }

    public ConnectionSpec connectionSpec() {
        return spec;
    }

    /** A new connection (auto-commit on) to the audit database, for component-specific tables; the caller closes it. */
    public Connection connection() {
        return spec.connect();
    }

    /** Records a migration; an existing one keeps its description and creation time. */
    public synchronized void recordMigration(String id, String description) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("migration id must not be empty");
        }
        withRetry("record migration " + id, c -> {
            ensureMigrations(c, Set.of(id), description == null ? "" : description);
            return null;
        });
    }

    /** Inserts or updates one finding by its id; see {@link #upsertFindings}. */
    public void upsertFinding(Finding finding) {
        upsertFindings(List.of(finding));
    }

    /**
     * Inserts or updates findings by id, in one transaction. Idempotent: writing the same finding again leaves one
     * row. A later write updates the differing columns, values and positions, keeps the earliest first-seen and
     * detection times and never reopens a resolved finding. Migrations the findings refer to are recorded if new.
     *
     * @throws AuditStoreException if a finding id already belongs to another migration, origin, table or key
     */
    public synchronized void upsertFindings(Collection<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        withRetry("upsert " + findings.size() + " finding(s)", c -> {
            c.setAutoCommit(false);
            try {
                Set<String> migrations = new LinkedHashSet<>();
                findings.forEach(f -> migrations.add(f.migrationId()));
                ensureMigrations(c, migrations, "");
                List<Finding> ordered = new ArrayList<>(findings);
                try (PreparedStatement ps = c.prepareStatement(FindingRows.UPSERT)) {
                    for (Finding f : ordered) {
                        FindingRows.bind(c, ps, f);
                        ps.addBatch();
                    }
                    int[] counts = ps.executeBatch();
                    for (int i = 0; i < counts.length; i++) {
                        if (counts[i] == 0) {
                            Finding f = ordered.get(i);
                            throw new AuditStoreException("finding id " + f.findingId() + " already belongs to"
                                    + " another migration, origin, table or key than " + f.migrationId() + "/"
                                    + f.origin().dbValue() + "/" + f.table() + "/" + f.key()
                                    + ": finding ids must be derived from those (e.g. a hash of them)");
                        }
                    }
                }
                c.commit();
                return null;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                if (!c.isClosed()) {
                    c.setAutoCommit(true);
                }
            }
        });
    }

    /**
     * Marks an open finding resolved. Returns false if there is no such finding or it was already resolved (the first
     * resolution stands), so repeating the call is harmless.
     */
    public synchronized boolean resolveFinding(String findingId, Instant resolvedAt, String resolution) {
        if (resolution == null || resolution.isEmpty()) {
            throw new IllegalArgumentException("resolution of finding " + findingId + " must not be empty");
        }
        return withRetry("resolve finding " + findingId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE driftguard.findings SET resolved_at = ?,"
                    + " resolution = ?, updated_at = now() WHERE finding_id = ? AND resolved_at IS NULL")) {
                ps.setObject(1, FindingRows.utc(resolvedAt));
                ps.setString(2, resolution);
                ps.setString(3, findingId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** The findings of a migration (only unresolved ones if {@code openOnly}), oldest detection first. */
    public synchronized List<Finding> findings(String migrationId, boolean openOnly) {
        String sql = FindingRows.SELECT + " WHERE migration_id = ?" + (openOnly ? " AND resolved_at IS NULL" : "")
                + " ORDER BY detected_at, finding_id";
        return withRetry("read findings of migration " + migrationId, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, migrationId);
                return FindingRows.read(ps);
            }
        });
    }

    public synchronized Optional<Finding> finding(String findingId) {
        return withRetry("read finding " + findingId, c -> {
            try (PreparedStatement ps = c.prepareStatement(FindingRows.SELECT + " WHERE finding_id = ?")) {
                ps.setString(1, findingId);
                return FindingRows.read(ps).stream().findFirst();
            }
        });
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void ensureMigrations(Connection c, Set<String> ids, String description) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO driftguard.migrations (id, description) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")) {
            for (String id : ids) {
                ps.setString(1, id);
                ps.setString(2, description);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** An operation on the shared connection. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} on the shared connection, reconnecting and repeating it once if the connection was lost (the
     * typed operations are idempotent, and a transaction that lost its connection was rolled back by the server).
     */
    private <T> T withRetry(String what, SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.run(sharedConnection());
            } catch (SQLException e) {
                if (PgErrors.isConnectionLost(e) && attempt == 1) {
                    LOG.warn(
                            "audit store {}: connection lost during '{}', reconnecting: {}",
                            spec,
                            what,
                            e.getMessage());
                    discardSharedConnection();
                    continue;
                }
                throw failure(what, e);
            }
        }
    }

    /**
     * How a failed audit store operation is reported, for this class and the components writing their own tables
     * through {@link #connection()}: the store, what could not be done, the server's message and its fix.
     */
    public DatabaseAccessException failure(String what, SQLException e) {
        return new DatabaseAccessException("audit store " + spec + ": cannot " + what + ": " + PgErrors.explain(e), e);
    }

    private Connection sharedConnection() throws SQLException {
        if (closed) {
            throw new IllegalStateException("audit store " + spec + " is closed");
        }
        if (shared == null || shared.isClosed()) {
            shared = spec.connect();
        }
        return shared;
    }

    private void discardSharedConnection() {
        try {
            if (shared != null) {
                shared.close();
            }
        } catch (SQLException e) {
            LOG.debug("closing a broken audit store connection failed: {}", e.getMessage());
        }
        shared = null;
    }

    /** Closes the shared connection. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            discardSharedConnection();
        }
    }

    @Override
    public String toString() {
        return "AuditStore[" + spec + ", schema " + SCHEMA + " v" + schemaVersion + "]";
    }
}
