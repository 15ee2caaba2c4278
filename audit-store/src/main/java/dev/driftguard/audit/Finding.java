package dev.driftguard.audit;

import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.Position;
import dev.driftguard.row.RowKey;
import dev.driftguard.row.TableId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One discrepancy between source and target for one row, as kept in the audit store's {@code findings} table.
 *
 * @param findingId deterministic id chosen by the writer (same discrepancy → same id), which makes writes idempotent
 * @param runId the batch run that found it; null for {@link Origin#STREAM}
 * @param kind MISSING_ON_TARGET, EXTRA_ON_TARGET or VALUE_MISMATCH (never RESOLVED: resolution is a state)
 * @param columns canonical names of the differing columns (empty unless VALUE_MISMATCH)
 * @param sourceValues canonical values on the source (a value is null for SQL NULL); null in privacy mode or when the
 *     row is absent on that side
 * @param sourcePosition where the source version came from; null if unknown
 * @param firstSeen when the sides were first seen to differ
 * @param detectedAt when the difference was reported (after the tolerance)
 * @param resolvedAt when the sides agreed again; null while open
 * @param resolution how it was resolved (e.g. {@code RESOLVED}); null while open
 */
public record Finding(
        String findingId,
        String migrationId,
        Origin origin,
        String runId,
        TableId table,
        RowKey key,
        DriftKind kind,
        List<String> columns,
        Map<String, String> sourceValues,
        Map<String, String> targetValues,
        Position sourcePosition,
        Position targetPosition,
        Instant firstSeen,
        Instant detectedAt,
        Instant resolvedAt,
        String resolution) {

    /** Which part of driftguard found the discrepancy. */
    public enum Origin {
        STREAM,
        BATCH;

        /** The value stored in {@code findings.origin}. */
        public String dbValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Origin fromDb(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public Finding {
        require(findingId, "findingId");
        require(migrationId, "migrationId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(detectedAt, "detectedAt");
        if (kind == DriftKind.RESOLVED) {
            throw new IllegalArgumentException("finding " + findingId + " has kind RESOLVED: a finding is"
                    + " MISSING_ON_TARGET, EXTRA_ON_TARGET or VALUE_MISMATCH; record a resolution with"
                    + " AuditStore.resolveFinding");
        }
        if (origin == Origin.BATCH && (runId == null || runId.isEmpty())) {
            throw new IllegalArgumentException("batch finding " + findingId + " needs the runId of its batch run");
        }
        if (origin == Origin.STREAM && runId != null) {
            throw new IllegalArgumentException(
                    "stream finding " + findingId + " has runId " + runId + ": only batch findings belong to a run");
        }
        if ((resolvedAt == null) != (resolution == null)) {
            throw new IllegalArgumentException("finding " + findingId + ": resolvedAt (" + resolvedAt
                    + ") and resolution (" + resolution + ") must be given together");
        }
        if (detectedAt.isBefore(firstSeen)) {
            throw new IllegalArgumentException(
                    "finding " + findingId + ": detectedAt " + detectedAt + " is before firstSeen " + firstSeen);
        }
        columns = columns == null ? List.of() : List.copyOf(columns);
        sourceValues = copyAllowingNullValues(sourceValues);
        targetValues = copyAllowingNullValues(targetValues);
    }

    private static void require(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("finding " + name + " must not be empty");
        }
    }

    private static Map<String, String> copyAllowingNullValues(Map<String, String> values) {
        return values == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public boolean isOpen() {
        return resolvedAt == null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the fields of a {@link Finding}; the record's constructor validates them. */
    public static final class Builder {
        private String findingId;
        private String migrationId;
        private Origin origin;
        private String runId;
        private TableId table;
        private RowKey key;
        private DriftKind kind;
        private List<String> columns = List.of();
        private Map<String, String> sourceValues;
        private Map<String, String> targetValues;
        private Position sourcePosition;
        private Position targetPosition;
        private Instant firstSeen;
        private Instant detectedAt;
        private Instant resolvedAt;
        private String resolution;

        private Builder() {}

        public Builder findingId(String findingId) {
            this.findingId = findingId;
            return this;
        }

        public Builder migrationId(String migrationId) {
            this.migrationId = migrationId;
            return this;
        }

        /** A finding of the streaming validator. */
        public Builder fromStream() {
            this.origin = Origin.STREAM;
            this.runId = null;
            return this;
        }

        /** A finding of the batch compare run {@code runId}. */
        public Builder fromBatch(String runId) {
            this.origin = Origin.BATCH;
            this.runId = runId;
            return this;
        }

        public Builder table(TableId table) {
            this.table = table;
            return this;
        }

        public Builder key(RowKey key) {
            this.key = key;
            return this;
        }

        public Builder kind(DriftKind kind) {
            this.kind = kind;
            return this;
        }

        public Builder columns(List<String> columns) {
            this.columns = columns;
            return this;
        }

        public Builder sourceValues(Map<String, String> sourceValues) {
            this.sourceValues = sourceValues;
            return this;
        }

        public Builder targetValues(Map<String, String> targetValues) {
            this.targetValues = targetValues;
            return this;
        }

        public Builder sourcePosition(Position sourcePosition) {
            this.sourcePosition = sourcePosition;
            return this;
        }

        public Builder targetPosition(Position targetPosition) {
            this.targetPosition = targetPosition;
            return this;
        }

        public Builder firstSeen(Instant firstSeen) {
            this.firstSeen = firstSeen;
            return this;
        }

        public Builder detectedAt(Instant detectedAt) {
            this.detectedAt = detectedAt;
            return this;
        }

        public Builder resolved(Instant resolvedAt, String resolution) {
            this.resolvedAt = resolvedAt;
            this.resolution = resolution;
            return this;
        }

        public Finding build() {
            return new Finding(
                    findingId,
                    migrationId,
                    origin,
                    runId,
                    table,
                    key,
                    kind,
                    columns,
                    sourceValues,
                    targetValues,
                    sourcePosition,
                    targetPosition,
                    firstSeen,
                    detectedAt,
                    resolvedAt,
                    resolution);
        }
    }
}
