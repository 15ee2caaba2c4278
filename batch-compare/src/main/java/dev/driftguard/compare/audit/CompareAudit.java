package dev.driftguard.compare.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftguard.audit.AuditStore;
import dev.driftguard.audit.Finding;
import dev.driftguard.compare.DifferenceCounts;
import dev.driftguard.compare.DifferenceKind;
import dev.driftguard.compare.diff.Detected;
import dev.driftguard.compare.segment.Segment;
import dev.driftguard.compare.segment.SegmentOutcome;
import dev.driftguard.compare.sql.KeyRange;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.pg.DatabaseAccessException;
import dev.driftguard.pg.PgErrors;
import dev.driftguard.row.RowKey;
import dev.driftguard.row.TableId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A run's record in the audit store: the run (batch_runs), its planned segments with their progress, checksums and
 * differences (batch_segments, enough to resume without redoing finished segments), and its findings.
 */
public final class CompareAudit implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditStore store;
    private final String migrationId;
    private final Connection connection;
    private String runId;

    private CompareAudit(AuditStore store, String migrationId) {
        this.store = store;
        this.migrationId = migrationId;
        this.connection = store.connection();
    }

    /** Opens the audit store (creating or migrating its schema) and records the migration. */
    public static CompareAudit open(ConnectionSpec spec, String migrationId) {
        AuditStore store = AuditStore.open(spec);
        try {
            store.recordMigration(migrationId, "");
            return new CompareAudit(store, migrationId);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Records a new run as running, with the options that decide its result (checked on resume) and the other
     * settings it ran with.
     */
    public synchronized void startRun(
            String runId, Instant startedAt, Map<String, Object> resultDefining, Map<String, Object> settings) {
        this.runId = runId;
        ObjectNode options = JSON.createObjectNode();
        options.set("compare", JSON.valueToTree(resultDefining));
        options.set("settings", JSON.valueToTree(settings));
        execute(
                "record run " + runId,
                "INSERT INTO driftguard.batch_runs (run_id, migration_id, started_at, status, options)"
                        + " VALUES (?, ?, ?, 'running', ?::jsonb)",
                runId,
                migrationId,
                utc(startedAt),
                options.toString());
    }

    /**
     * Takes up an earlier run again: checks that it belongs to this migration and was started with the same
     * result-defining options, marks it running, and returns its planned segments by table.
     *
     * @throws IllegalArgumentException if the run does not exist or differs; the message says what to do
     */
    public synchronized Map<TableId, List<StoredSegment>> resumeRun(String runId, Map<String, Object> resultDefining) {
        this.runId = runId;
        try {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT migration_id, options::text FROM driftguard.batch_runs WHERE run_id = ?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("--resume " + runId + ": the audit store has no such run;"
                                + " list runs with SELECT run_id FROM driftguard.batch_runs, or start a new run");
                    }
                    if (!migrationId.equals(rs.getString(1))) {
                        throw new IllegalArgumentException("--resume " + runId + ": the run belongs to migration "
                                + rs.getString(1) + ", not " + migrationId + "; give --migration " + rs.getString(1));
                    }
                    // Through text, so that numbers compare by value whatever Java type they came from.
                    checkSameOptions(
                            runId,
                            JSON.readTree(rs.getString(2)),
                            JSON.readTree(JSON.writeValueAsString(resultDefining)));
                }
            }
            execute(
                    "mark run " + runId + " running",
                    "UPDATE driftguard.batch_runs SET status = 'running', finished_at = NULL WHERE run_id = ?",
                    runId);
            return readSegments(runId);
        } catch (SQLException e) {
            throw failure("read run " + runId, e);
        } catch (IOException e) {
            throw new UncheckedIOException("run " + runId + " has unreadable options in the audit store", e);
        }
    }

    private static void checkSameOptions(String runId, JsonNode stored, JsonNode current) {
        List<String> differing = new ArrayList<>();
        for (Iterator<String> it = current.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!current.get(name).equals(stored.path("compare").get(name))) {
                differing.add(
                        name + " (run: " + stored.path("compare").get(name) + ", now: " + current.get(name) + ")");
            }
        }
        if (!differing.isEmpty()) {
            throw new IllegalArgumentException("--resume " + runId + " was started with other options: "
                    + String.join("; ", differing) + ". Give the same options, or start a new run without --resume");
        }
    }

    private Map<TableId, List<StoredSegment>> readSegments(String runId) throws SQLException, IOException {
        Map<TableId, List<StoredSegment>> segments = new TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT schema_name, table_name, segment_no,"
                + " lower_bound::text, upper_bound::text, state, source_count, target_count, source_checksum,"
                + " target_checksum, bucket_bits, missing_on_target, extra_on_target, value_mismatch,"
                + " differences::text FROM driftguard.batch_segments"
                + " WHERE run_id = ? AND parent_segment_no IS NULL ORDER BY schema_name, table_name, segment_no")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableId table = new TableId(rs.getString(1), rs.getString(2));
                    Segment segment = new Segment(
                            rs.getInt(3), new KeyRange(bound(rs.getString(4)), bound(rs.getString(5))), rs.getInt(11));
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
                                differences(segment.number(), rs.getString(15))));
                    }
                    String anyBound = rs.getString(4) != null ? rs.getString(4) : rs.getString(5);
                    List<String> keyColumns = anyBound == null ? null : boundColumns(anyBound);
                    segments.computeIfAbsent(table, t -> new ArrayList<>())
                            .add(new StoredSegment(segment, keyColumns, outcome));
                }
            }
        }
        return segments;
    }

    /** Stores a table's plan: one pending row per segment, in one transaction. */
    public synchronized void savePlan(TableId table, List<String> keyColumns, List<Segment> segments) {
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO driftguard.batch_segments"
                    + " (run_id, schema_name, table_name, segment_no, lower_bound, upper_bound, state, bucket_bits)"
                    + " VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, 'pending', ?)")) {
                for (Segment s : segments) {
                    ps.setString(1, runId);
                    ps.setString(2, table.schema());
                    ps.setString(3, table.name());
                    ps.setInt(4, s.number());
                    ps.setString(5, boundJson(keyColumns, s.range().lower()));
                    ps.setString(6, boundJson(keyColumns, s.range().upper()));
                    ps.setInt(7, s.bucketBits());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            rollback(e);
            throw failure("store the plan of " + table, e);
        } finally {
            autoCommit();
        }
    }

    /** Stores a finished segment's counts, checksums and differences. */
    public synchronized void saveSegment(TableId table, SegmentOutcome outcome) {
        execute(
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
                differencesJson(outcome.differences()),
                runId,
                table.schema(),
                table.name(),
                outcome.segment().number());
    }

    /** Marks a segment failed (a resumed run compares it again). */
    public synchronized void segmentFailed(TableId table, int segment) {
        execute(
                "mark segment " + segment + " of " + table + " failed",
                "UPDATE driftguard.batch_segments SET state = 'failed', finished_at = now()"
                        + " WHERE run_id = ? AND schema_name = ? AND table_name = ? AND segment_no = ?",
                runId,
                table.schema(),
                table.name(),
                segment);
    }

    /** Inserts or updates the run's findings (idempotent by finding id). */
    public void saveFindings(Collection<Finding> findings) {
        store.upsertFindings(findings);
    }

    /** Records how the run ended ({@code completed}, {@code failed} or {@code interrupted}) and its summary. */
    public synchronized void finishRun(String status, Instant finishedAt, JsonNode summary) {
        execute(
                "finish run " + runId,
                "UPDATE driftguard.batch_runs SET status = ?, finished_at = ?, summary = ?::jsonb WHERE run_id = ?",
                status,
                utc(finishedAt),
                summary == null ? null : summary.toString(),
                runId);
    }

    public String migrationId() {
        return migrationId;
    }

    private static String boundJson(List<String> keyColumns, List<String> bound) {
        if (bound == null) {
            return null;
        }
        ArrayNode array = JSON.createArrayNode();
        for (int i = 0; i < keyColumns.size(); i++) {
            array.addObject().put("column", keyColumns.get(i)).put("value", bound.get(i));
        }
        return array.toString();
    }

    private static List<String> bound(String json) throws IOException {
        if (json == null) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode part : JSON.readTree(json)) {
            values.add(part.get("value").asText());
        }
        return values;
    }

    private static List<String> boundColumns(String json) throws IOException {
        List<String> columns = new ArrayList<>();
        for (JsonNode part : JSON.readTree(json)) {
            columns.add(part.get("column").asText());
        }
        return columns;
    }

    static String differencesJson(List<Detected> differences) {
        ArrayNode array = JSON.createArrayNode();
        for (Detected d : differences) {
            ObjectNode node = array.addObject();
            node.put("kind", d.kind().name());
            ArrayNode key = node.putArray("key");
            for (int i = 0; i < d.key().columns().size(); i++) {
                key.addObject()
                        .put("column", d.key().columns().get(i))
                        .put("value", d.key().values().get(i));
            }
            d.columns().forEach(node.putArray("columns")::add);
            hashes(node, "source", d.sourceHashes());
            hashes(node, "target", d.targetHashes());
        }
        return array.toString();
    }

    private static void hashes(ObjectNode node, String field, Long[] hashes) {
        if (hashes == null) {
            node.putNull(field);
            return;
        }
        ArrayNode array = node.putArray(field);
        for (Long h : hashes) {
            if (h == null) {
                array.addNull();
            } else {
                array.add(h);
            }
        }
    }

    static List<Detected> differences(int segment, String json) throws IOException {
        List<Detected> differences = new ArrayList<>();
        if (json == null) {
            return differences;
        }
        for (JsonNode node : JSON.readTree(json)) {
            List<String> columns = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (JsonNode part : node.get("key")) {
                columns.add(part.get("column").asText());
                values.add(part.get("value").asText());
            }
            List<String> differing = new ArrayList<>();
            node.get("columns").forEach(c -> differing.add(c.asText()));
            differences.add(new Detected(
                    segment,
                    DifferenceKind.valueOf(node.get("kind").asText()),
                    RowKey.of(columns, values),
                    differing,
                    hashes(node.get("source")),
                    hashes(node.get("target"))));
        }
        return differences;
    }

    private static Long[] hashes(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Long[] hashes = new Long[node.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = node.get(i).isNull() ? null : node.get(i).asLong();
        }
        return hashes;
    }

    private static BigInteger integer(BigDecimal value) {
        return value == null ? BigInteger.ZERO : value.toBigIntegerExact();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private void execute(String what, String sql, Object... params) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] == null) {
                    ps.setNull(i + 1, Types.OTHER);
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private DatabaseAccessException failure(String what, SQLException e) {
        return new DatabaseAccessException(
                "audit store " + store.connectionSpec() + ": cannot " + what + ": " + e.getMessage() + " — "
                        + PgErrors.hint(e),
                e);
    }

    private void rollback(SQLException cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void autoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw failure("reset auto-commit", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close the connection", e);
        } finally {
            store.close();
        }
    }
}
