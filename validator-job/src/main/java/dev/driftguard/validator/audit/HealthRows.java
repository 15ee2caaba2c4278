package dev.driftguard.validator.audit;

import dev.driftguard.audit.AuditStore;
import dev.driftguard.pg.DatabaseAccessException;
import dev.driftguard.pg.PgErrors;
import dev.driftguard.validator.health.ValidatorHealth;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;

/**
 * A validator's health as the audit store's {@code validator_health} row, one per migration, replaced every status
 * interval by the process that runs the validator. Written directly (not at checkpoints like the job's outputs), so
 * that failing checkpoints are on record while they fail.
 */
public final class HealthRows {

    private static final String UPSERT = "INSERT INTO driftguard.validator_health AS h (migration_id, health, reason,"
            + " checkpoint_directory, checkpoints_completed, checkpoints_failed, consecutive_failures,"
            + " last_checkpoint_at, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (migration_id) DO UPDATE SET health = EXCLUDED.health, reason = EXCLUDED.reason,"
            + " checkpoint_directory = EXCLUDED.checkpoint_directory,"
            + " checkpoints_completed = EXCLUDED.checkpoints_completed,"
            + " checkpoints_failed = EXCLUDED.checkpoints_failed,"
            + " consecutive_failures = EXCLUDED.consecutive_failures,"
            + " last_checkpoint_at = EXCLUDED.last_checkpoint_at, checked_at = EXCLUDED.checked_at";

    private final AuditStore store;
    private final String migration;
    private final String checkpointDirectory;

    /** Records the migration in {@code store} if it is new. */
    public HealthRows(AuditStore store, String migration, String checkpointDirectory) {
        this.store = store;
        this.migration = migration;
        this.checkpointDirectory = checkpointDirectory;
        store.recordMigration(migration, "");
    }

    public void write(ValidatorHealth health) {
        try (Connection c = store.connection();
                PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setString(1, migration);
            ps.setString(2, health.state().storedName());
            ps.setString(3, health.reason());
            ps.setString(4, checkpointDirectory);
            ps.setLong(5, health.checkpointsCompleted());
            ps.setLong(6, health.checkpointsFailed());
            ps.setLong(7, health.consecutiveFailures());
            ps.setObject(
                    8,
                    health.lastCheckpointAt() == null
                            ? null
                            : health.lastCheckpointAt().atOffset(ZoneOffset.UTC),
                    Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setObject(9, health.checkedAt().atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseAccessException(
                    "audit store " + store.connectionSpec() + ": cannot write the health of migration " + migration
                            + "'s validator: " + PgErrors.explain(e),
                    e);
        }
    }
}
