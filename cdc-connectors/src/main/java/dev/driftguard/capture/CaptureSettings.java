package dev.driftguard.capture;

import dev.driftguard.avro.Side;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.row.ColumnRef;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one side's capture reads and how it converts, shared by the embedded engine and the Kafka Connect deployment
 * (both derive the same Debezium settings from it). Validated once, then immutable.
 */
public record CaptureSettings(
        CaptureNames names,
        ConnectionSpec database,
        TableSelection tables,
        List<ColumnRef> excludedColumns,
        boolean hashOnly,
        SnapshotMode snapshotMode,
        Duration heartbeatInterval) {

    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

    public CaptureSettings {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(tables, "tables");
        excludedColumns = excludedColumns == null ? List.of() : List.copyOf(excludedColumns);
        snapshotMode = snapshotMode == null ? SnapshotMode.INITIAL : snapshotMode;
        heartbeatInterval = heartbeatInterval == null ? DEFAULT_HEARTBEAT_INTERVAL : heartbeatInterval;
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive, got " + heartbeatInterval);
        }
    }

    public static Builder builder(String migration, Side side, ConnectionSpec database) {
        return new Builder(new CaptureNames(migration, side), database);
    }

    public Side side() {
        return names.side();
    }

    /** Builder for the optional parts; {@link #build()} validates. */
    public static final class Builder {
        private final CaptureNames names;
        private final ConnectionSpec database;
        private TableSelection tables;
        private List<ColumnRef> excludedColumns = List.of();
        private boolean hashOnly;
        private SnapshotMode snapshotMode = SnapshotMode.INITIAL;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;

        private Builder(CaptureNames names, ConnectionSpec database) {
            this.names = names;
            this.database = database;
        }

        public Builder tables(TableSelection tables) {
            this.tables = tables;
            return this;
        }

        public Builder excludedColumns(List<ColumnRef> excludedColumns) {
            this.excludedColumns = excludedColumns;
            return this;
        }

        public Builder hashOnly(boolean hashOnly) {
            this.hashOnly = hashOnly;
            return this;
        }

        public Builder snapshotMode(SnapshotMode snapshotMode) {
            this.snapshotMode = snapshotMode;
            return this;
        }

        public Builder heartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
            return this;
        }

        public CaptureSettings build() {
            if (tables == null) {
                throw new IllegalArgumentException("give either --tables s.t,... or --schema S");
            }
            return new CaptureSettings(
                    names, database, tables, excludedColumns, hashOnly, snapshotMode, heartbeatInterval);
        }
    }
}
