package dev.driftguard.compare;

import dev.driftguard.avro.Side;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.settings.Settings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a batch compare run needs, validated once by {@link Builder#build()} and immutable afterwards: the two
 * databases, what is compared ({@link CompareScope}), where the run is recorded and how the work is cut. Error
 * messages name the setting ({@link CompareSettings}) and the value.
 */
public final class CompareOptions {

    private final ConnectionSpec source;
    private final ConnectionSpec target;
    private final CompareScope scope;
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
        this.scope = b.scope.build();
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

    /** The options given as settings ({@link CompareSettings#SETTINGS}); what is not given is its default. */
    public static CompareOptions from(Settings settings) {
        Builder b = builder()
                .source(settings.get(CompareSettings.SOURCE))
                .target(settings.get(CompareSettings.TARGET))
                .threads(settings.get(CompareSettings.THREADS))
                .recheckRounds(settings.get(CompareSettings.RECHECK_ROUNDS))
                .recheckDelay(settings.get(CompareSettings.RECHECK_DELAY))
                .hashOnly(settings.get(CompareSettings.HASH_ONLY))
                .maxDifferencesPerTable(settings.get(CompareSettings.MAX_DIFFERENCES))
                .segmentRows(settings.get(CompareSettings.SEGMENT_ROWS))
                .statementTimeout(settings.get(CompareSettings.STATEMENT_TIMEOUT))
                .migrationId(settings.get(CompareSettings.MIGRATION))
                .resumeRunId(settings.get(CompareSettings.RESUME));
        settings.find(CompareSettings.AUDIT_DB).map(ConnectionSpec::parse).ifPresent(b::auditDb);
        settings.all(CompareSettings.SCHEMA).forEach(b::schema);
        settings.all(CompareSettings.TABLES).forEach(b::tables);
        settings.all(CompareSettings.EXCLUDE_COLUMNS).forEach(b::excludeColumns);
        settings.all(CompareSettings.KEY).forEach(b::key);
        settings.all(CompareSettings.WHERE).forEach(b::where);
        return b.build();
    }

    public ConnectionSpec source() {
        return source;
    }

    public ConnectionSpec target() {
        return target;
    }

    /** What the run compares. */
    public CompareScope scope() {
        return scope;
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
        m.putAll(scope.describe());
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
        private final CompareScope.Builder scope = CompareScope.builder();
        private int threads = CompareSettings.THREADS.defaultValue();
        private ConnectionSpec auditDb;
        private String migrationId;
        private String resumeRunId;
        private int recheckRounds = CompareSettings.RECHECK_ROUNDS.defaultValue();
        private Duration recheckDelay = CompareSettings.RECHECK_DELAY.defaultValue();
        private boolean hashOnly;
        private long segmentRows = CompareSettings.SEGMENT_ROWS.defaultValue();
        private int bucketRows = 500;
        private int leafRows = 2_000;
        private int fetchBatchRows = 20_000;
        private int maxDifferencesPerTable = CompareSettings.MAX_DIFFERENCES.defaultValue();
        private int valueLimitChars = 4_096;
        private Duration statementTimeout = CompareSettings.STATEMENT_TIMEOUT.defaultValue();
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
            scope.schema(schema);
            return this;
        }

        /** Adds tables from a comma-separated list ({@code --tables a,s.b,"C d"}). */
        public Builder tables(String commaSeparated) {
            scope.tables(commaSeparated);
            return this;
        }

        public Builder table(TableRef table) {
            scope.table(table);
            return this;
        }

        /** Adds excluded columns from a comma-separated list of {@code table.column} or {@code schema.table.column}. */
        public Builder excludeColumns(String commaSeparated) {
            scope.excludeColumns(commaSeparated);
            return this;
        }

        /** Declares key columns: {@code table:col1,col2} (--key, repeatable). */
        public Builder key(String spec) {
            scope.key(spec);
            return this;
        }

        /** Restricts a table's rows on both sides: {@code table:sql predicate} (--where, repeatable). */
        public Builder where(String spec) {
            scope.where(spec);
            return this;
        }

        public Builder rename(TableRef table, Side side, String column, String canonicalName) {
            scope.rename(table, side, column, canonicalName);
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
            require(
                    source != null,
                    CompareSettings.SOURCE.option() + " is required: give the source database as"
                            + " postgresql://user@host:port/db");
            require(
                    target != null,
                    CompareSettings.TARGET.option() + " is required: give the target database as"
                            + " postgresql://user@host:port/db");
            CompareSettings.THREADS.check(threads);
            CompareSettings.RECHECK_ROUNDS.check(recheckRounds);
            require(
                    recheckDelay != null && !recheckDelay.isNegative(),
                    CompareSettings.RECHECK_DELAY.named() + " must be zero or positive, got " + recheckDelay);
            CompareSettings.MIGRATION.check(migrationId);
            String audit = CompareSettings.AUDIT_DB.option();
            String migration = CompareSettings.MIGRATION.option();
            require(
                    auditDb == null || migrationId != null,
                    audit + " needs " + migration + " ID: findings are stored" + " per migration");
            require(
                    migrationId == null || auditDb != null,
                    migration + " is only used with " + audit + " URI (where"
                            + " the run and its findings are stored)");
            require(
                    resumeRunId == null || auditDb != null,
                    CompareSettings.RESUME.option() + " " + resumeRunId + " needs " + audit
                            + " URI (the run's progress is stored there)");
            CompareSettings.RESUME.check(resumeRunId);
            CompareSettings.SEGMENT_ROWS.check(segmentRows);
            // Tuning only code sets (tests, benchmarks): named as the builder's methods.
            range("bucketRows", bucketRows, 10, 1_000_000);
            require(
                    leafRows >= bucketRows,
                    "leafRows (" + leafRows + ") must be at least bucketRows (" + bucketRows + ")");
            require(
                    fetchBatchRows >= leafRows,
                    "fetchBatchRows (" + fetchBatchRows + ") must be at least leafRows (" + leafRows + ")");
            CompareSettings.MAX_DIFFERENCES.check(maxDifferencesPerTable);
            range("valueLimitChars", valueLimitChars, 16, 100_000_000);
            require(statementTimeout != null, "statementTimeout is null");
            CompareSettings.STATEMENT_TIMEOUT.check(statementTimeout);
            range("retries", retries, 0, 20);
            require(retryBackoff != null && !retryBackoff.isNegative(), "retry backoff must not be negative");
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
