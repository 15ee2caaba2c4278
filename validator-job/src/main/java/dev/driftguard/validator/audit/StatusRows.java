package dev.driftguard.validator.audit;

import dev.driftguard.audit.AuditStore;
import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.pg.DatabaseAccessException;
import dev.driftguard.pg.PgErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validation statuses as the audit store's {@code validation_status} rows: the latest status per migration and table
 * (schema and table {@code ''} for the whole migration). A row never goes back to an older status.
 */
final class StatusRows implements AuditWrites<ValidationStatus> {

    private static final long serialVersionUID = 1L;

    private static final String UPSERT = "INSERT INTO driftguard.validation_status AS s (migration_id, schema_name,"
            + " table_name, emitted_at, open_drifts, events_source, events_target, keys_tracked, lag_p50_ms,"
            + " lag_p99_ms, lag_max_ms, last_event_source, last_event_target)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (migration_id, schema_name, table_name) DO UPDATE SET emitted_at = EXCLUDED.emitted_at,"
            + " open_drifts = EXCLUDED.open_drifts, events_source = EXCLUDED.events_source,"
            + " events_target = EXCLUDED.events_target, keys_tracked = EXCLUDED.keys_tracked,"
            + " lag_p50_ms = EXCLUDED.lag_p50_ms, lag_p99_ms = EXCLUDED.lag_p99_ms, lag_max_ms = EXCLUDED.lag_max_ms,"
            + " last_event_source = EXCLUDED.last_event_source, last_event_target = EXCLUDED.last_event_target"
            + " WHERE s.emitted_at <= EXCLUDED.emitted_at";

    @Override
    public void write(AuditStore store, List<ValidationStatus> statuses) {
        // Only the latest status of each table matters.
        Map<String, ValidationStatus> latest = new LinkedHashMap<>();
        for (ValidationStatus status : statuses) {
            latest.put(schemaOf(status) + '\0' + tableOf(status), status);
        }
        if (latest.isEmpty()) {
            return;
        }
        try (Connection c = store.connection();
                PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (ValidationStatus status : latest.values()) {
                bind(ps, status);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new DatabaseAccessException(
                    "audit store " + store.connectionSpec() + ": cannot write " + latest.size()
                            + " validation status row(s): " + PgErrors.explain(e),
                    e);
        }
    }

    private static void bind(PreparedStatement ps, ValidationStatus status) throws SQLException {
        ps.setString(1, status.getMigration());
        ps.setString(2, schemaOf(status));
        ps.setString(3, tableOf(status));
        ps.setObject(4, status.getEmittedAtMicros().atOffset(ZoneOffset.UTC));
        // Sums over subtasks; right after a rescale they can be briefly off, and the table forbids negatives.
        ps.setLong(5, Math.max(0, status.getOpenDrifts()));
        ps.setLong(6, status.getEventsSource());
        ps.setLong(7, status.getEventsTarget());
        ps.setLong(8, Math.max(0, status.getKeysTracked()));
        setLong(ps, 9, status.getLagP50Millis());
        setLong(ps, 10, status.getLagP99Millis());
        setLong(ps, 11, status.getLagMaxMillis());
        setInstant(ps, 12, status.getLastEventSourceMicros());
        setInstant(ps, 13, status.getLastEventTargetMicros());
    }

    private static String schemaOf(ValidationStatus status) {
        return status.getSchema$() == null ? "" : status.getSchema$();
    }

    private static String tableOf(ValidationStatus status) {
        return status.getTable() == null ? "" : status.getTable();
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        ps.setObject(index, value == null ? null : value.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
    }
}
