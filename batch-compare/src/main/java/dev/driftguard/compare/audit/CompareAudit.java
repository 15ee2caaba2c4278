package dev.driftguard.compare.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftguard.audit.AuditStore;
import dev.driftguard.audit.AuditStoreException;
import dev.driftguard.audit.Finding;
import dev.driftguard.compare.segment.Segment;
import dev.driftguard.compare.segment.SegmentOutcome;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.row.TableId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A run's record in the audit store: the run (batch_runs), its planned segments with their progress, checksums and
 * differences (batch_segments, enough to resume without redoing finished segments), and its findings.
 */
public final class CompareAudit implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditStore store;
    private final String migrationId;
    private final AuditWrites writes;
    private String runId;

    private CompareAudit(AuditStore store, String migrationId) {
        this.store = store;
        this.migrationId = migrationId;
        this.writes = new AuditWrites(store);
    }

    /** Opens the audit store (creating or migrating its schema) and records the migration. */
    public static CompareAudit open(ConnectionSpec spec, String migrationId) {
        return open(spec, migrationId, null);
    }

    /**
     * As {@link #open(ConnectionSpec, String)}; a run to resume ({@code resumeRunId} not null) is in an existing store,
     * so a database without one is an error and gets no schema.
     */
    public static CompareAudit open(ConnectionSpec spec, String migrationId, String resumeRunId) {
        AuditStore store;
        try {
            store = resumeRunId == null ? AuditStore.open(spec) : AuditStore.openExisting(spec);
        } catch (AuditStoreException e) {
            if (resumeRunId == null) {
                throw e;
            }
            throw new AuditStoreException("--resume " + resumeRunId + ": " + e.getMessage(), e);
        }
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
        writes.execute(
                "record run " + runId,
                "INSERT INTO driftguard.batch_runs (run_id, migration_id, started_at, status, options)"
                        + " VALUES (?, ?, ?, 'running', ?::jsonb)",
                runId,
                migrationId,
                AuditWrites.utc(startedAt),
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
            try (PreparedStatement ps = writes.connection()
                    .prepareStatement(
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
            writes.execute(
                    "mark run " + runId + " running",
                    "UPDATE driftguard.batch_runs SET status = 'running', finished_at = NULL WHERE run_id = ?",
                    runId);
            return segments().read(runId);
        } catch (SQLException e) {
            throw writes.failure("read run " + runId, e);
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

    /** Stores a table's plan: one pending row per segment, in one transaction. */
    public synchronized void savePlan(TableId table, List<String> keyColumns, List<Segment> segments) {
        segments().savePlan(runId, table, keyColumns, segments);
    }

    /** Stores a finished segment's counts, checksums and differences. */
    public synchronized void saveSegment(TableId table, SegmentOutcome outcome) {
        segments().saveOutcome(runId, table, outcome);
    }

    /** Marks a segment failed (a resumed run compares it again). */
    public synchronized void segmentFailed(TableId table, int segment) {
        segments().markFailed(runId, table, segment);
    }

    private SegmentRecords segments() {
        return new SegmentRecords(writes);
    }

    /** Inserts or updates the run's findings (idempotent by finding id). */
    public void saveFindings(Collection<Finding> findings) {
        store.upsertFindings(findings);
    }

    /** The migration's batch findings that are still open (stream findings are the validator's own). */
    public List<Finding> openBatchFindings() {
        return store.findings(migrationId, true).stream()
                .filter(f -> f.origin() == Finding.Origin.BATCH)
                .toList();
    }

    /** Resolves an open finding (a no-op if it is resolved already). */
    public void resolveFinding(String findingId, Instant resolvedAt, String resolution) {
        store.resolveFinding(findingId, resolvedAt, resolution);
    }

    /** Records how the run ended ({@code completed}, {@code failed} or {@code interrupted}) and its summary. */
    public synchronized void finishRun(String status, Instant finishedAt, JsonNode summary) {
        writes.execute(
                "finish run " + runId,
                "UPDATE driftguard.batch_runs SET status = ?, finished_at = ?, summary = ?::jsonb WHERE run_id = ?",
                status,
                AuditWrites.utc(finishedAt),
                summary == null ? null : summary.toString(),
                runId);
    }

    public String migrationId() {
        return migrationId;
    }

    @Override
    public synchronized void close() {
        try {
            writes.close();
        } finally {
            store.close();
        }
    }
}
