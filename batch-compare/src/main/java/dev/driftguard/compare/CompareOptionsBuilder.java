package dev.driftguard.compare;

import dev.driftguard.avro.Side;
import dev.driftguard.pg.ConnectionSpec;
import java.time.Duration;

/**
 * Collects the options of a compare run; {@link #build()} validates them all in one place. Its fields are read by
 * {@link CompareOptions}' constructor.
 */
public final class CompareOptionsBuilder {
    ConnectionSpec source;
    ConnectionSpec target;
    final CompareScope.Builder scope = CompareScope.builder();
    int threads = CompareSettings.THREADS.defaultValue();
    ConnectionSpec auditDb;
    String migrationId;
    String resumeRunId;
    int recheckRounds = CompareSettings.RECHECK_ROUNDS.defaultValue();
    Duration recheckDelay = CompareSettings.RECHECK_DELAY.defaultValue();
    boolean hashOnly;
    long segmentRows = CompareSettings.SEGMENT_ROWS.defaultValue();
    int bucketRows = 500;
    int leafRows = 2_000;
    int fetchBatchRows = 20_000;
    int maxDifferencesPerTable = CompareSettings.MAX_DIFFERENCES.defaultValue();
    int valueLimitChars = 4_096;
    Duration statementTimeout = CompareSettings.STATEMENT_TIMEOUT.defaultValue();
    int retries = 3;
    Duration retryBackoff = Duration.ofMillis(500);

    CompareOptionsBuilder() {}

    public CompareOptionsBuilder source(ConnectionSpec source) {
        this.source = source;
        return this;
    }

    public CompareOptionsBuilder target(ConnectionSpec target) {
        this.target = target;
        return this;
    }

    /** Adds a schema (--schema S, repeatable). */
    public CompareOptionsBuilder schema(String schema) {
        scope.schema(schema);
        return this;
    }

    /** Adds tables from a comma-separated list ({@code --tables a,s.b,"C d"}). */
    public CompareOptionsBuilder tables(String commaSeparated) {
        scope.tables(commaSeparated);
        return this;
    }

    public CompareOptionsBuilder table(TableRef table) {
        scope.table(table);
        return this;
    }

    /** Adds excluded columns from a comma-separated list of {@code table.column} or {@code schema.table.column}. */
    public CompareOptionsBuilder excludeColumns(String commaSeparated) {
        scope.excludeColumns(commaSeparated);
        return this;
    }

    /** Declares key columns: {@code table:col1,col2} (--key, repeatable). */
    public CompareOptionsBuilder key(String spec) {
        scope.key(spec);
        return this;
    }

    /** Restricts a table's rows on both sides: {@code table:sql predicate} (--where, repeatable). */
    public CompareOptionsBuilder where(String spec) {
        scope.where(spec);
        return this;
    }

    public CompareOptionsBuilder rename(TableRef table, Side side, String column, String canonicalName) {
        scope.rename(table, side, column, canonicalName);
        return this;
    }

    public CompareOptionsBuilder threads(int threads) {
        this.threads = threads;
        return this;
    }

    public CompareOptionsBuilder auditDb(ConnectionSpec auditDb) {
        this.auditDb = auditDb;
        return this;
    }

    public CompareOptionsBuilder migrationId(String migrationId) {
        this.migrationId = migrationId;
        return this;
    }

    public CompareOptionsBuilder resumeRunId(String resumeRunId) {
        this.resumeRunId = resumeRunId;
        return this;
    }

    public CompareOptionsBuilder recheckRounds(int recheckRounds) {
        this.recheckRounds = recheckRounds;
        return this;
    }

    public CompareOptionsBuilder recheckDelay(Duration recheckDelay) {
        this.recheckDelay = recheckDelay;
        return this;
    }

    public CompareOptionsBuilder hashOnly(boolean hashOnly) {
        this.hashOnly = hashOnly;
        return this;
    }

    public CompareOptionsBuilder segmentRows(long segmentRows) {
        this.segmentRows = segmentRows;
        return this;
    }

    public CompareOptionsBuilder bucketRows(int bucketRows) {
        this.bucketRows = bucketRows;
        return this;
    }

    public CompareOptionsBuilder leafRows(int leafRows) {
        this.leafRows = leafRows;
        return this;
    }

    public CompareOptionsBuilder fetchBatchRows(int fetchBatchRows) {
        this.fetchBatchRows = fetchBatchRows;
        return this;
    }

    public CompareOptionsBuilder maxDifferencesPerTable(int maxDifferencesPerTable) {
        this.maxDifferencesPerTable = maxDifferencesPerTable;
        return this;
    }

    public CompareOptionsBuilder valueLimitChars(int valueLimitChars) {
        this.valueLimitChars = valueLimitChars;
        return this;
    }

    public CompareOptionsBuilder statementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
        return this;
    }

    public CompareOptionsBuilder retries(int retries, Duration backoff) {
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
                migration + " is only used with " + audit + " URI (where" + " the run and its findings are stored)");
        require(
                resumeRunId == null || auditDb != null,
                CompareSettings.RESUME.option() + " " + resumeRunId + " needs " + audit
                        + " URI (the run's progress is stored there)");
        CompareSettings.RESUME.check(resumeRunId);
        CompareSettings.SEGMENT_ROWS.check(segmentRows);
        // Tuning only code sets (tests, benchmarks): named as the builder's methods.
        range("bucketRows", bucketRows, 10, 1_000_000);
        require(leafRows >= bucketRows, "leafRows (" + leafRows + ") must be at least bucketRows (" + bucketRows + ")");
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
        require(value >= min && value <= max, option + " must be between " + min + " and " + max + ", got " + value);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
