package dev.driftguard.compare.audit;

import dev.driftguard.compare.DifferenceCounts;
import dev.driftguard.compare.segment.Segment;
import dev.driftguard.compare.segment.SegmentOutcome;
import dev.driftguard.compare.sql.KeyRange;
import dev.driftguard.row.TableId;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A run's rows in batch_segments: the plan, each segment's outcome or failure, and reading them back on resume. */
final class SegmentRecords {

    private final AuditWrites writes;

    SegmentRecords(AuditWrites writes) {
        this.writes = writes;
    }

    Map<TableId, List<StoredSegment>> read(String runId) throws SQLException, IOException {
        Map<TableId, List<StoredSegment>> segments = new TreeMap<>();
        try (PreparedStatement ps = writes.connection()
                .prepareStatement("SELECT schema_name, table_name, segment_no,"
                        + " lower_bound::text, upper_bound::text, state, source_count, target_count, source_checksum,"
                        + " target_checksum, bucket_bits, missing_on_target, extra_on_target, value_mismatch,"
                        + " differences::text FROM driftguard.batch_segments"
                        + " WHERE run_id = ? AND parent_segment_no IS NULL ORDER BY schema_name, table_name,"
                        + " segment_no")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableId table = new TableId(rs.getString(1), rs.getString(2));
                    segments.computeIfAbsent(table, t -> new ArrayList<>()).add(stored(rs));
                }
            }
        }
        return segments;
    }

    private static StoredSegment stored(ResultSet rs) throws SQLException, IOException {
        Segment segment = new Segment(
                rs.getInt(3),
                new KeyRange(SegmentJson.boundValues(rs.getString(4)), SegmentJson.boundValues(rs.getString(5))),
                rs.getInt(11));
        String state = rs.getString(6);
        Optional<SegmentOutcome> outcome = Optional.empty();
        if (state.equals("matched") || state.equals("mismatched")) {
            outcome = Optional.of(new SegmentOutcome(
                    segment,
                    rs.getLong(7),
                    rs.getLong(8),
                    integer(rs.getBigDecimal(9)),
                    integer(rs.getBigDecimal(10)),
                    new DifferenceCounts(rs.getLong(12), rs.getLong(13), rs.getLong(14)),
                    SegmentJson.differences(segment.number(), rs.getString(15))));
        }
        String anyBound = rs.getString(4) != null ? rs.getString(4) : rs.getString(5);
        List<String> keyColumns = anyBound == null ? null : SegmentJson.boundColumns(anyBound);
        return new StoredSegment(segment, keyColumns, outcome);
    }

    /** One pending row per segment, in one transaction. */
    void savePlan(String runId, TableId table, List<String> keyColumns, List<Segment> segments) {
        writes.inTransaction("store the plan of " + table, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO driftguard.batch_segments"
                    + " (run_id, schema_name, table_name, segment_no, lower_bound, upper_bound, state, bucket_bits)"
                    + " VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, 'pending', ?)")) {
                for (Segment s : segments) {
                    ps.setString(1, runId);
                    ps.setString(2, table.schema());
                    ps.setString(3, table.name());
                    ps.setInt(4, s.number());
                    ps.setString(5, SegmentJson.bound(keyColumns, s.range().lower()));
                    ps.setString(6, SegmentJson.bound(keyColumns, s.range().upper()));
                    ps.setInt(7, s.bucketBits());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    void saveOutcome(String runId, TableId table, SegmentOutcome outcome) {
        writes.execute(
                "store segment " + outcome.segment().number() + " of " + table,
                "UPDATE driftguard.batch_segments SET state = ?, source_count = ?, target_count = ?,"
                        + " source_checksum = ?, target_checksum = ?, missing_on_target = ?, extra_on_target = ?,"
                        + " value_mismatch = ?, differences = ?::jsonb, finished_at = now()"
                        + " WHERE run_id = ? AND schema_name = ? AND table_name = ? AND segment_no = ?",
                outcome.matched() ? "matched" : "mismatched",
                outcome.sourceRows(),
                outcome.targetRows(),
                new BigDecimal(outcome.sourceChecksum()),
                new BigDecimal(outcome.targetChecksum()),
                outcome.counts().missingOnTarget(),
                outcome.counts().extraOnTarget(),
                outcome.counts().valueMismatch(),
                SegmentJson.differences(outcome.differences()),
                runId,
                table.schema(),
                table.name(),
                outcome.segment().number());
    }

    void markFailed(String runId, TableId table, int segment) {
        writes.execute(
                "mark segment " + segment + " of " + table + " failed",
                "UPDATE driftguard.batch_segments SET state = 'failed', finished_at = now()"
                        + " WHERE run_id = ? AND schema_name = ? AND table_name = ? AND segment_no = ?",
                runId,
                table.schema(),
                table.name(),
                segment);
    }

    private static BigInteger integer(BigDecimal value) {
        return value == null ? BigInteger.ZERO : value.toBigIntegerExact();
    }
}
