package dev.driftguard.capture;

import dev.driftguard.avro.Side;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.row.ColumnRef;
import dev.driftguard.settings.CommonSettings;
import dev.driftguard.settings.Setting;
import dev.driftguard.settings.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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

    // Each setting once; the command line's capture commands read these declarations. Migration, side and database
    // are not marked required: `capture` and its subcommands all take them, and picocli would demand them of `capture`
    // before it saw a subcommand's name; from() requires them.
    public static final Setting<String> MIGRATION = CommonSettings.MIGRATION.describedAs("Migration id (letters,"
            + " digits, _ - .); names the slot dg_<id>_<side>, the publication and the topic driftguard.<id>.<side>."
            + " Required.");
    public static final Setting<Side> SIDE = Setting.of(
                    "side", Side.class, "source|target", CaptureNames::parseSide, side -> side.name()
                            .toLowerCase(Locale.ROOT))
            .description("Which side of the migration this database is. Required.")
            .build();
    public static final Setting<ConnectionSpec> DB = Setting.of(
                    "db", ConnectionSpec.class, "URI", ConnectionSpec::parse, ConnectionSpec::toString)
            .description("The database (postgresql://user@host:port/db or jdbc:postgresql://...; password from the"
                    + " URI, PGPASSWORD or ~/.pgpass). Required.")
            .build();
    public static final Setting<String> TABLES = Setting.text("tables", "s.t,...")
            .description("Tables to capture (schema.table, quoted \"Mixed\".\"Case\"; comma-separated); or --schema.")
            .build();
    public static final Setting<String> SCHEMA = Setting.text("schema", "S")
            .description("Capture every table of this schema (listed in the publication when prepared); or --tables.")
            .build();
    public static final Setting<String> EXCLUDE_COLUMNS = Setting.text("exclude-columns", "s.t.c,...")
            .description("Columns left out of capture (e.g. of types driftguard cannot compare).")
            .repeatable()
            .build();
    public static final Setting<Boolean> HASH_ONLY = Setting.flag("hash-only")
            .description("Privacy mode: records carry per-column hashes, never values.")
            .build();
    public static final Setting<SnapshotMode> SNAPSHOT = Setting.of(
                    "snapshot", SnapshotMode.class, "initial|no_data", SnapshotMode::parse, mode -> mode.name()
                            .toLowerCase(Locale.ROOT))
            .description("On first start: read every row once (initial) or stream changes only (no_data).")
            .defaultValue("initial")
            .build();
    public static final Setting<Duration> HEARTBEAT_INTERVAL = Setting.duration("heartbeat-interval")
            .description("How often an idle capture writes a heartbeat so its slot does not pin WAL.")
            .defaultValue("10s")
            .atLeast(Duration.ofMillis(1))
            .build();
    public static final Setting<Boolean> SET_REPLICA_IDENTITY_FULL = Setting.flag("set-replica-identity-full")
            .description("ALTER TABLE ... REPLICA IDENTITY FULL on selected tables that lack it (unchanged TOAST"
                    + " values then arrive as values, not UNKNOWN).")
            .build();

    /** Which side and database a capture command works on. */
    public static final List<Setting<?>> SIDE_SETTINGS = List.of(MIGRATION, SIDE, DB);

    /** Which tables a capture covers and how it converts them, with {@link #SIDE_SETTINGS}. */
    public static final List<Setting<?>> SETTINGS =
            List.of(MIGRATION, SIDE, DB, TABLES, SCHEMA, EXCLUDE_COLUMNS, HASH_ONLY, SNAPSHOT, HEARTBEAT_INTERVAL);

    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = HEARTBEAT_INTERVAL.defaultValue();

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

    /** The names of the migration side the settings give; each of --migration, --side, --db is required. */
    public static CaptureNames namesOf(Settings settings) {
        return new CaptureNames(settings.require(MIGRATION), settings.require(SIDE));
    }

    /** The capture the settings describe ({@link #SETTINGS}); exactly one of --tables and --schema is required. */
    public static CaptureSettings from(Settings settings) {
        CaptureNames names = namesOf(settings);
        boolean tables = settings.isGiven(TABLES);
        if (tables == settings.isGiven(SCHEMA)) {
            throw new IllegalArgumentException("give either " + TABLES.option() + " s.t,... or " + SCHEMA.option()
                    + " S" + (tables ? ", not both" : ""));
        }
        return builder(names.migration(), names.side(), settings.require(DB))
                .tables(
                        tables
                                ? TableSelection.parseTables(settings.get(TABLES))
                                : TableSelection.schema(settings.get(SCHEMA)))
                .excludedColumns(settings.all(EXCLUDE_COLUMNS).stream()
                        .flatMap(list -> Arrays.stream(list.split(",")))
                        .map(String::trim)
                        .filter(column -> !column.isEmpty())
                        .map(ColumnRef::parse)
                        .toList())
                .hashOnly(settings.get(HASH_ONLY))
                .snapshotMode(settings.get(SNAPSHOT))
                .heartbeatInterval(settings.get(HEARTBEAT_INTERVAL))
                .build();
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
                throw new IllegalArgumentException(
                        "give either " + TABLES.option() + " s.t,... or " + SCHEMA.option() + " S");
            }
            return new CaptureSettings(
                    names, database, tables, excludedColumns, hashOnly, snapshotMode, heartbeatInterval);
        }
    }
}
