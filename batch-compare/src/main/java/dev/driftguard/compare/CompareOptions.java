package dev.driftguard.compare;

import dev.driftguard.avro.Side;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.pg.PgIdentifiers;
import dev.driftguard.row.TableId;
import dev.driftguard.row.TableRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a batch compare run needs, validated once by {@link Builder#build()} and immutable afterwards. Error
 * messages name the command-line option and the value.
 */
public final class CompareOptions {

    /**
     * Segments compared at once unless told otherwise: each keeps one backend of each database busy, so 4 when this
     * machine has the cores, else one per core: where the databases share this machine (or a small one), more backends
     * than cores only take turns, and each new backend first pays to map the shared buffers it touches.
     */
    public static final int DEFAULT_THREADS =
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /** A column excluded from comparison ({@code --exclude-columns t.c}); the column is a canonical name. */
    public record ExcludedColumn(TableRef table, String column) {}

    /** Key columns declared for a table ({@code --key t:c1,c2}); canonical names in key order. */
    public record KeyOverride(TableRef table, List<String> columns) {
        public KeyOverride {
            columns = List.copyOf(columns);
        }
    }

    /** A row filter for a table ({@code --where t:"predicate"}), applied on both sides. */
    public record RowFilter(TableRef table, String predicate) {}

    /** {@code side}'s physical column {@code column} of {@code table} holds canonical column {@code canonicalName}. */
    public record ColumnRename(TableRef table, Side side, String column, String canonicalName) {}

    private final ConnectionSpec source;
    private final ConnectionSpec target;
    private final List<String> schemas;
    private final List<TableRef> tables;
    private final List<ExcludedColumn> excludedColumns;
    private final List<KeyOverride> keyOverrides;
    private final List<RowFilter> rowFilters;
    private final List<ColumnRename> renames;
    private final int threads;
    private final ConnectionSpec auditDb;
    private final String migrationId;
    private final String resumeRunId;
    private final int recheckRounds;
    private final Duration recheckDelay;
    private final boolean hashOnly;
    private final long segmentRows;
    private final int bucketRows;
    private final int leafRows;
    private final int fetchBatchRows;
    private final int maxDifferencesPerTable;
    private final int valueLimitChars;
    private final Duration statementTimeout;
    private final int retries;
    private final Duration retryBackoff;

    private CompareOptions(Builder b) {
        this.source = b.source;
        this.target = b.target;
        this.schemas = List.copyOf(b.schemas.isEmpty() ? List.of("public") : new ArrayList<>(b.schemas));
        this.tables = List.copyOf(b.tables);
        this.excludedColumns = List.copyOf(b.excludedColumns);
        this.keyOverrides = List.copyOf(b.keyOverrides);
        this.rowFilters = List.copyOf(b.rowFilters);
        this.renames = List.copyOf(b.renames);
        this.threads = b.threads;
        this.auditDb = b.auditDb;
        this.migrationId = b.migrationId;
        this.resumeRunId = b.resumeRunId;
        this.recheckRounds = b.recheckRounds;
        this.recheckDelay = b.recheckDelay;
        this.hashOnly = b.hashOnly;
        this.segmentRows = b.segmentRows;
        this.bucketRows = b.bucketRows;
        this.leafRows = b.leafRows;
        this.fetchBatchRows = b.fetchBatchRows;
        this.maxDifferencesPerTable = b.maxDifferencesPerTable;
        this.valueLimitChars = b.valueLimitChars;
        this.statementTimeout = b.statementTimeout;
        this.retries = b.retries;
        this.retryBackoff = b.retryBackoff;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ConnectionSpec source() {
        return source;
    }

    public ConnectionSpec target() {
        return target;
    }

    /** Schemas given with --schema ({@code public} if none). */
    public List<String> schemas() {
        return schemas;
    }

    /** Schemas whose catalogs are read: --schema plus those of schema-qualified --tables. */
    public List<String> schemasToRead() {
        Set<String> all = new LinkedHashSet<>(schemas);
        tables.stream().map(TableRef::schema).filter(Objects::nonNull).forEach(all::add);
        return List.copyOf(all);
    }

    /** Tables given with --tables; empty means every table of {@link #schemas()}. */
    public List<TableRef> tables() {
        return tables;
    }

    /** Whether {@code table} (found in {@link #schemasToRead()}) takes part in the run. */
    public boolean selects(TableId table) {
        if (tables.isEmpty()) {
            return schemas.contains(table.schema());
        }
        for (TableRef ref : tables) {
            if (ref.matches(table) && (ref.schema() != null || schemas.contains(table.schema()))) {
                return true;
            }
        }
        return false;
    }

    public List<ExcludedColumn> excludedColumns() {
        return excludedColumns;
    }

    public List<KeyOverride> keyOverrides() {
        return keyOverrides;
    }

    public List<RowFilter> rowFilters() {
        return rowFilters;
    }

    public List<ColumnRename> renames() {
        return renames;
    }

    /**
     * The column rules of {@code table}: excluded columns, renames and declared key.
     *
     * @throws IllegalArgumentException if two --key options name this table
     */
    public TableRules rulesFor(TableId table) {
        TableRules.Builder rules = TableRules.builder(table);
        excludedColumns.stream().filter(e -> e.table().matches(table)).forEach(e -> rules.exclude(e.column()));
        renames.stream()
                .filter(r -> r.table().matches(table))
                .forEach(r -> rules.rename(r.side(), r.column(), r.canonicalName()));
        List<KeyOverride> keys =
                keyOverrides.stream().filter(k -> k.table().matches(table)).toList();
        if (keys.size() > 1) {
            throw new IllegalArgumentException("--key is given twice for table " + table + ": "
                    + keys.get(0).table() + " and " + keys.get(1).table() + "; give one --key per table");
        }
        if (!keys.isEmpty()) {
            rules.keyColumns(keys.get(0).columns());
        }
        return rules.build();
    }

    /**
     * The --where predicate of {@code table}, if any.
     *
     * @throws IllegalArgumentException if two --where options name this table
     */
    public Optional<String> rowFilterFor(TableId table) {
        List<RowFilter> filters =
                rowFilters.stream().filter(f -> f.table().matches(table)).toList();
        if (filters.size() > 1) {
            throw new IllegalArgumentException("--where is given twice for table " + table + ": "
                    + filters.get(0).table() + " and " + filters.get(1).table() + "; combine the predicates with AND");
        }
        return filters.stream().findFirst().map(RowFilter::predicate);
    }

    public int threads() {
        return threads;
    }

    public Optional<ConnectionSpec> auditDb() {
        return Optional.ofNullable(auditDb);
    }

    public String migrationId() {
        return migrationId;
    }

    public Optional<String> resumeRunId() {
        return Optional.ofNullable(resumeRunId);
    }

    public int recheckRounds() {
        return recheckRounds;
    }

    public Duration recheckDelay() {
        return recheckDelay;
    }

    /** Never fetch column values: differences carry keys and column names only. */
    public boolean hashOnly() {
        return hashOnly;
    }

    /** Target rows per key-range segment (the unit of parallelism, progress and resume). */
    public long segmentRows() {
        return segmentRows;
    }

    /** Target rows per hash bucket inside a segment (the unit a mismatch is narrowed down to). */
    public int bucketRows() {
        return bucketRows;
    }

    /** A mismatching bucket with at most this many rows on each side is diffed row by row; larger ones are split. */
    public int leafRows() {
        return leafRows;
    }

    /** At most this many rows per side are held in memory for one row-by-row diff. */
    public int fetchBatchRows() {
        return fetchBatchRows;
    }

    public int maxDifferencesPerTable() {
        return maxDifferencesPerTable;
    }

    public int valueLimitChars() {
        return valueLimitChars;
    }

    public Duration statementTimeout() {
        return statementTimeout;
    }

    public int retries() {
        return retries;
    }

    public Duration retryBackoff() {
        return retryBackoff;
    }

    /**
     * The options that decide a run's result, as stored with the run: a resumed run must be given the same ones. No
     * password appears (connections are shown masked).
     */
    public Map<String, Object> resultDefiningOptions() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source.toString());
        m.put("target", target.toString());
        m.put("schemas", schemas);
        m.put("tables", tables.stream().map(TableRef::toString).toList());
        m.put(
                "excludeColumns",
                new TreeSet<>(excludedColumns.stream()
                        .map(e -> e.table() + "." + e.column())
                        .toList()));
        m.put(
                "keys",
                keyOverrides.stream()
                        .map(k -> k.table() + ":" + String.join(",", k.columns()))
                        .sorted()
                        .toList());
        m.put(
                "where",
                rowFilters.stream()
                        .map(f -> f.table() + ":" + f.predicate())
                        .sorted()
                        .toList());
        m.put(
                "renames",
                renames.stream()
                        .map(r -> r.table() + ":" + r.side() + "." + r.column() + "=" + r.canonicalName())
                        .sorted()
                        .toList());
        m.put("hashOnly", hashOnly);
        m.put("segmentRows", segmentRows);
        m.put("bucketRows", bucketRows);
        m.put("maxDifferencesPerTable", maxDifferencesPerTable);
        m.put("valueLimitChars", valueLimitChars);
        return m;
    }

    /** Collects options; {@link #build()} validates them all in one place. */
    public static final class Builder {
        private ConnectionSpec source;
        private ConnectionSpec target;
        private final List<String> schemas = new ArrayList<>();
        private final List<TableRef> tables = new ArrayList<>();
        private final List<ExcludedColumn> excludedColumns = new ArrayList<>();
        private final List<KeyOverride> keyOverrides = new ArrayList<>();
        private final List<RowFilter> rowFilters = new ArrayList<>();
        private final List<ColumnRename> renames = new ArrayList<>();
        private int threads = DEFAULT_THREADS;
        private ConnectionSpec auditDb;
        private String migrationId;
        private String resumeRunId;
        private int recheckRounds = 0;
        private Duration recheckDelay = Duration.ofSeconds(5);
        private boolean hashOnly;
        private long segmentRows = 100_000;
        private int bucketRows = 500;
        private int leafRows = 2_000;
        private int fetchBatchRows = 20_000;
        private int maxDifferencesPerTable = 1_000;
        private int valueLimitChars = 4_096;
        private Duration statementTimeout = Duration.ofMinutes(10);
        private int retries = 3;
        private Duration retryBackoff = Duration.ofMillis(500);

        private Builder() {}

        public Builder source(ConnectionSpec source) {
            this.source = source;
            return this;
        }

        public Builder target(ConnectionSpec target) {
            this.target = target;
            return this;
        }

        /** Adds a schema (--schema S, repeatable). */
        public Builder schema(String schema) {
            if (schema == null || schema.isBlank()) {
                throw new IllegalArgumentException("--schema must name a schema, got '" + schema + "'");
            }
            List<String> parts = TableRef.split(schema, "--schema");
            if (parts.size() != 1) {
                throw new IllegalArgumentException(
                        "--schema '" + schema + "' must be one schema name (quote it if it contains a dot)");
            }
            if (!schemas.contains(parts.get(0))) {
                schemas.add(parts.get(0));
            }
            return this;
        }

        /** Adds tables from a comma-separated list ({@code --tables a,s.b,"C d"}). */
        public Builder tables(String commaSeparated) {
            for (String entry : PgIdentifiers.splitOutsideQuotes(commaSeparated, ',')) {
                tables.add(TableRef.parse(entry, "--tables"));
            }
            return this;
        }

        public Builder table(TableRef table) {
            tables.add(Objects.requireNonNull(table, "table"));
            return this;
        }

        /** Adds excluded columns from a comma-separated list of {@code table.column} or {@code schema.table.column}. */
        public Builder excludeColumns(String commaSeparated) {
            for (String entry : PgIdentifiers.splitOutsideQuotes(commaSeparated, ',')) {
                List<String> parts = TableRef.split(entry, "--exclude-columns");
                TableRef table =
                        switch (parts.size()) {
                            case 2 -> new TableRef(null, parts.get(0));
                            case 3 -> new TableRef(parts.get(0), parts.get(1));
                            default ->
                                throw new IllegalArgumentException("--exclude-columns '" + entry
                                        + "': expected table.column or schema.table.column");
                        };
                excludedColumns.add(new ExcludedColumn(table, parts.get(parts.size() - 1)));
            }
            return this;
        }

        /** Declares key columns: {@code table:col1,col2} (--key, repeatable). */
        public Builder key(String spec) {
            int colon = OptionSyntax.indexOutsideQuotes(spec, ':');
            if (colon <= 0 || colon == spec.length() - 1) {
                throw new IllegalArgumentException(
                        "--key '" + spec + "': expected table:column[,column...], e.g. public.orders:id");
            }
            TableRef table = TableRef.parse(spec.substring(0, colon), "--key");
            List<String> columns = new ArrayList<>();
            for (String column : PgIdentifiers.splitOutsideQuotes(spec.substring(colon + 1), ',')) {
                List<String> parts = TableRef.split(column, "--key");
                if (parts.size() != 1) {
                    throw new IllegalArgumentException("--key '" + spec + "': column '" + column
                            + "' must be a plain column name (quote names containing dots)");
                }
                columns.add(parts.get(0));
            }
            keyOverrides.add(new KeyOverride(table, columns));
            return this;
        }

        /** Restricts a table's rows on both sides: {@code table:sql predicate} (--where, repeatable). */
        public Builder where(String spec) {
            int colon = OptionSyntax.indexOutsideQuotes(spec, ':');
            if (colon <= 0 || spec.substring(colon + 1).isBlank()) {
                throw new IllegalArgumentException(
                        "--where '" + spec + "': expected table:predicate, e.g. orders:\"created_at < '2024-01-01'\"");
            }
            rowFilters.add(new RowFilter(
                    TableRef.parse(spec.substring(0, colon), "--where"),
                    spec.substring(colon + 1).trim()));
            return this;
        }

        public Builder rename(TableRef table, Side side, String column, String canonicalName) {
            renames.add(new ColumnRename(table, side, column, canonicalName));
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder auditDb(ConnectionSpec auditDb) {
            this.auditDb = auditDb;
            return this;
        }

        public Builder migrationId(String migrationId) {
            this.migrationId = migrationId;
            return this;
        }

        public Builder resumeRunId(String resumeRunId) {
            this.resumeRunId = resumeRunId;
            return this;
        }

        public Builder recheckRounds(int recheckRounds) {
            this.recheckRounds = recheckRounds;
            return this;
        }

        public Builder recheckDelay(Duration recheckDelay) {
            this.recheckDelay = recheckDelay;
            return this;
        }

        public Builder hashOnly(boolean hashOnly) {
            this.hashOnly = hashOnly;
            return this;
        }

        public Builder segmentRows(long segmentRows) {
            this.segmentRows = segmentRows;
            return this;
        }

        public Builder bucketRows(int bucketRows) {
            this.bucketRows = bucketRows;
            return this;
        }

        public Builder leafRows(int leafRows) {
            this.leafRows = leafRows;
            return this;
        }

        public Builder fetchBatchRows(int fetchBatchRows) {
            this.fetchBatchRows = fetchBatchRows;
            return this;
        }

        public Builder maxDifferencesPerTable(int maxDifferencesPerTable) {
            this.maxDifferencesPerTable = maxDifferencesPerTable;
            return this;
        }

        public Builder valueLimitChars(int valueLimitChars) {
            this.valueLimitChars = valueLimitChars;
            return this;
        }

        public Builder statementTimeout(Duration statementTimeout) {
            this.statementTimeout = statementTimeout;
            return this;
        }

        public Builder retries(int retries, Duration backoff) {
            this.retries = retries;
            this.retryBackoff = backoff;
            return this;
        }

        /**
         * Validates all options together.
         *
         * @throws IllegalArgumentException naming the option, the value and what to give instead
         */
        public CompareOptions build() {
            require(source != null, "--source is required: give the source database as postgresql://user@host:port/db");
            require(target != null, "--target is required: give the target database as postgresql://user@host:port/db");
            range("--threads", threads, 1, 64);
            range("--recheck-rounds", recheckRounds, 0, 100);
            require(
                    recheckDelay != null && !recheckDelay.isNegative(),
                    "--recheck-delay must be zero or positive, got " + recheckDelay);
            require(migrationId == null || !migrationId.isBlank(), "--migration must not be blank");
            require(
                    auditDb == null || migrationId != null,
                    "--audit-db needs --migration ID: findings are stored per migration");
            require(
                    migrationId == null || auditDb != null,
                    "--migration is only used with --audit-db URI (where the run and its findings are stored)");
            require(
                    resumeRunId == null || auditDb != null,
                    "--resume " + resumeRunId + " needs --audit-db URI (the run's progress is stored there)");
            require(resumeRunId == null || !resumeRunId.isBlank(), "--resume must name a run id");
            require(segmentRows >= 100, "--segment-rows must be at least 100, got " + segmentRows);
            range("--bucket-rows", bucketRows, 10, 1_000_000);
            require(
                    leafRows >= bucketRows,
                    "--leaf-rows (" + leafRows + ") must be at least --bucket-rows (" + bucketRows + ")");
            require(
                    fetchBatchRows >= leafRows,
                    "--fetch-batch-rows (" + fetchBatchRows + ") must be at least --leaf-rows (" + leafRows + ")");
            range("--max-differences", maxDifferencesPerTable, 1, 10_000_000);
            range("--value-limit", valueLimitChars, 16, 100_000_000);
            require(
                    statementTimeout != null && !statementTimeout.isNegative() && !statementTimeout.isZero(),
                    "--statement-timeout must be positive, got " + statementTimeout);
            range("--retries", retries, 0, 20);
            require(retryBackoff != null && !retryBackoff.isNegative(), "retry backoff must not be negative");
            for (String schema : schemas) {
                require(!schema.isEmpty(), "--schema must not be empty");
            }
            return new CompareOptions(this);
        }

        private static void range(String option, long value, long min, long max) {
            require(
                    value >= min && value <= max,
                    option + " must be between " + min + " and " + max + ", got " + value);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
