package dev.driftguard.compare;

import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.settings.CommonSettings;
import dev.driftguard.settings.Setting;
import dev.driftguard.settings.SettingBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The settings of a batch compare run, each declared once: {@code compare --help}, the docs test and the messages of
 * {@link CompareOptions} and {@link CompareScope} read them. {@link CompareOptions#from} turns given values into
 * options.
 */
public final class CompareSettings {

    public static final Setting<ConnectionSpec> SOURCE = connection("source")
            .description("Source database (postgresql://user@host:port/db or jdbc:postgresql://...; password from the"
                    + " URI, PGPASSWORD or ~/.pgpass).")
            .required()
            .build();

    public static final Setting<ConnectionSpec> TARGET =
            connection("target").description("Target database.").required().build();

    public static final Setting<String> SCHEMA = Setting.text("schema", "S")
            .description("Schema to compare (repeatable; without it: public).")
            .repeatable()
            .build();

    public static final Setting<String> TABLES = Setting.text("tables", "a,b,...")
            .description("Only these tables (table or schema.table; repeatable).")
            .repeatable()
            .build();

    public static final Setting<String> EXCLUDE_COLUMNS = Setting.text("exclude-columns", "t.c,...")
            .description("Columns left out of the comparison (table.column or schema.table.column).")
            .repeatable()
            .build();

    public static final Setting<String> KEY = Setting.text("key", "t:c1,c2")
            .description("Key columns of a table without primary key or unique NOT NULL index (repeatable).")
            .repeatable()
            .build();

    public static final Setting<String> WHERE = Setting.text("where", "t:PREDICATE")
            .description("Compare only the rows of a table matching an SQL predicate, on both sides (repeatable).")
            .repeatable()
            .build();

    /**
     * Segments compared at once unless told otherwise: each keeps one backend of each database busy, so 4 when this
     * machine has the cores, else one per core: where the databases share this machine (or a small one), more backends
     * than cores only take turns, and each new backend first pays to map the shared buffers it touches.
     */
    public static final Setting<Integer> THREADS = Setting.integer("threads")
            .description("Segments compared at once; each uses one connection per database.")
            .defaultValue(
                    String.valueOf(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()))),
                    "the cores of this machine, at most 4")
            .check(n -> n >= 1 && n <= 64, "must be between 1 and 64")
            .build();

    public static final Setting<Path> JSON = Setting.path("json", "FILE")
            .description("Write the JSON report here.")
            .build();

    public static final Setting<Path> HTML = Setting.path("html", "FILE")
            .description("Write the HTML report here.")
            .build();

    public static final Setting<String> AUDIT_DB = CommonSettings.AUDIT_DB.describedAs(
            "Store the run, its progress and findings in this audit database (with --migration).");

    public static final Setting<String> MIGRATION =
            CommonSettings.MIGRATION.describedAs("Migration the run belongs to (with --audit-db).");

    public static final Setting<String> RESUME = Setting.text("resume", "RUN_ID")
            .description("Continue an interrupted run (with --audit-db and the same options).")
            .check(id -> !id.isBlank(), "must name a run id")
            .build();

    public static final Setting<Integer> RECHECK_ROUNDS = Setting.integer("recheck-rounds")
            .description("Look differing rows up again N times after --recheck-delay; rows that converge are dropped,"
                    + " rows still changing are reported in flight.")
            .defaultValue("0")
            .check(n -> n >= 0 && n <= 100, "must be between 0 and 100")
            .build();

    public static final Setting<Duration> RECHECK_DELAY = Setting.duration("recheck-delay")
            .description("Wait between recheck rounds, e.g. 500ms or 5s.")
            .defaultValue("5s")
            .build();

    public static final Setting<Boolean> HASH_ONLY = Setting.flag("hash-only")
            .description("Never read column values: differences carry keys and column names only.")
            .build();

    public static final Setting<Integer> MAX_DIFFERENCES = Setting.integer("max-differences")
            .description("Differences listed per table (all are counted).")
            .defaultValue("1000")
            .check(n -> n >= 1 && n <= 10_000_000, "must be between 1 and 10000000")
            .build();

    public static final Setting<Long> SEGMENT_ROWS = Setting.longInteger("segment-rows")
            .description("Rows per key-range segment (the unit of parallelism, progress and resume).")
            .defaultValue("100000")
            .atLeast(100L)
            .build();

    public static final Setting<Duration> STATEMENT_TIMEOUT = Setting.duration("statement-timeout")
            .description("Longest a single query may run.")
            .defaultValue("10m")
            .atLeast(Duration.ofMillis(1))
            .build();

    /** Every setting, in the order help lists them. */
    public static final List<Setting<?>> SETTINGS = List.of(
            SOURCE,
            TARGET,
            SCHEMA,
            TABLES,
            EXCLUDE_COLUMNS,
            KEY,
            WHERE,
            THREADS,
            JSON,
            HTML,
            AUDIT_DB,
            MIGRATION,
            RESUME,
            RECHECK_ROUNDS,
            RECHECK_DELAY,
            HASH_ONLY,
            MAX_DIFFERENCES,
            SEGMENT_ROWS,
            STATEMENT_TIMEOUT);

    private CompareSettings() {}

    private static SettingBuilder<ConnectionSpec> connection(String key) {
        return Setting.of(key, ConnectionSpec.class, "URI", ConnectionSpec::parse, ConnectionSpec::toString);
    }
}
