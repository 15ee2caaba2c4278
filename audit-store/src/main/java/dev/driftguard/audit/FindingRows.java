package dev.driftguard.audit;

import dev.driftguard.avro.DriftKind;
import dev.driftguard.row.TableId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A {@link Finding} as a row of {@code driftguard.findings}: the statements, binding a finding and reading rows. */
final class FindingRows {

    static final String UPSERT = "INSERT INTO driftguard.findings AS f (finding_id, migration_id,"
            + " origin, run_id, schema_name, table_name, key, kind, columns, source_values, target_values,"
            + " source_position, target_position, first_seen, detected_at, resolved_at, resolution)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?)"
            + " ON CONFLICT (finding_id) DO UPDATE SET kind = EXCLUDED.kind, columns = EXCLUDED.columns,"
            + " source_values = EXCLUDED.source_values, target_values = EXCLUDED.target_values,"
            + " source_position = EXCLUDED.source_position, target_position = EXCLUDED.target_position,"
            // A replayed write keeps the earliest times, and never reopens a resolved finding.
            + " first_seen = LEAST(f.first_seen, EXCLUDED.first_seen),"
            + " detected_at = LEAST(f.detected_at, EXCLUDED.detected_at),"
            + " resolved_at = COALESCE(f.resolved_at, EXCLUDED.resolved_at),"
            + " resolution = COALESCE(f.resolution, EXCLUDED.resolution), updated_at = now()"
            + " WHERE f.migration_id = EXCLUDED.migration_id AND f.origin = EXCLUDED.origin"
            + " AND f.schema_name = EXCLUDED.schema_name AND f.table_name = EXCLUDED.table_name"
            + " AND f.key = EXCLUDED.key";

    static final String SELECT = "SELECT finding_id, migration_id, origin, run_id, schema_name,"
            + " table_name, key::text, kind, columns, source_values::text, target_values::text,"
            + " source_position::text, target_position::text, first_seen, detected_at, resolved_at, resolution"
            + " FROM driftguard.findings";

    private FindingRows() {}

    static void bind(Connection c, PreparedStatement ps, Finding f) throws SQLException {
        ps.setString(1, f.findingId());
        ps.setString(2, f.migrationId());
        ps.setString(3, f.origin().dbValue());
        ps.setString(4, f.runId());
        ps.setString(5, f.table().schema());
        ps.setString(6, f.table().name());
        ps.setString(7, FindingJson.key(f.key()));
        ps.setString(8, f.kind().name());
        Array columns = c.createArrayOf("text", f.columns().toArray());
        ps.setArray(9, columns);
        ps.setString(10, FindingJson.values(f.sourceValues()));
        ps.setString(11, FindingJson.values(f.targetValues()));
        ps.setString(12, FindingJson.position(f.sourcePosition()));
        ps.setString(13, FindingJson.position(f.targetPosition()));
        ps.setObject(14, utc(f.firstSeen()));
        ps.setObject(15, utc(f.detectedAt()));
        ps.setObject(16, f.resolvedAt() == null ? null : utc(f.resolvedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setString(17, f.resolution());
    }

    /** pgjdbc maps timestamptz to OffsetDateTime; java.sql.Timestamp would go through the JVM's zone. */
    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static List<Finding> read(PreparedStatement ps) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Finding.Origin origin = Finding.Origin.fromDb(rs.getString("origin"));
                OffsetDateTime resolvedAt = rs.getObject("resolved_at", OffsetDateTime.class);
                findings.add(new Finding(
                        rs.getString("finding_id"),
                        rs.getString("migration_id"),
                        origin,
                        rs.getString("run_id"),
                        new TableId(rs.getString("schema_name"), rs.getString("table_name")),
                        FindingJson.key(rs.getString("key")),
                        DriftKind.valueOf(rs.getString("kind")),
                        List.of((String[]) rs.getArray("columns").getArray()),
                        FindingJson.values(rs.getString("source_values")),
                        FindingJson.values(rs.getString("target_values")),
                        FindingJson.position(rs.getString("source_position")),
                        FindingJson.position(rs.getString("target_position")),
                        rs.getObject("first_seen", OffsetDateTime.class).toInstant(),
                        rs.getObject("detected_at", OffsetDateTime.class).toInstant(),
                        resolvedAt == null ? null : resolvedAt.toInstant(),
                        rs.getString("resolution")));
            }
        }
        return findings;
    }
}
