package dev.driftguard.compare;

import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.settings.Settings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a batch compare run needs, validated once by {@link CompareOptionsBuilder#build()} and immutable afterwards: the two
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

    CompareOptions(CompareOptionsBuilder b) {
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

    public static CompareOptionsBuilder builder() {
        return new CompareOptionsBuilder();
    }

    /** The options given as settings ({@link CompareSettings#SETTINGS}); what is not given is its default. */
    public static CompareOptions from(Settings settings) {
        CompareOptionsBuilder b = builder()
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
}
