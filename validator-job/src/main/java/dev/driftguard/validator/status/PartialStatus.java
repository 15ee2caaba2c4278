package dev.driftguard.validator.status;

import java.util.Arrays;
import java.util.Objects;

/**
 * One detector subtask's counters for one table, sent to the {@link StatusAggregator} and kept in checkpoints. The
 * counters are cumulative (the aggregator keeps the latest per {@link #counterId}); the lag buckets hold only the
 * samples recorded since the previous partial. A Flink POJO: public fields, public no-argument constructor.
 */
public class PartialStatus {

    /**
     * Identifies the counter set across restores and rescaling: the aggregator sums the latest partial of each id.
     * After a rescale, a subtask may hold several counter sets of one table (it updates one, the others stay as
     * restored); their sum is exact.
     */
    public String counterId;

    public String migration;
    public String schema;
    public String table;
    public long eventsSource;
    public long eventsTarget;
    public long duplicatesIgnored;
    public long truncatesIgnored;
    /** Keys held in state; may be negative in one counter set after rescaling, the sum is exact. */
    public long keysTracked;

    public long openDrifts;
    public long driftsDetected;
    public long driftsResolved;
    /** Latest commit time seen per side, epoch microseconds, -1 when none. */
    public long lastEventSourceMicros = -1;

    public long lastEventTargetMicros = -1;

    public int[] lagBuckets = new int[0];
    public long[] lagCounts = new long[0];
    public long lagMax = -1;

    public PartialStatus() {}

    public PartialStatus copy() {
        PartialStatus c = new PartialStatus();
        c.counterId = counterId;
        c.migration = migration;
        c.schema = schema;
        c.table = table;
        c.eventsSource = eventsSource;
        c.eventsTarget = eventsTarget;
        c.duplicatesIgnored = duplicatesIgnored;
        c.truncatesIgnored = truncatesIgnored;
        c.keysTracked = keysTracked;
        c.openDrifts = openDrifts;
        c.driftsDetected = driftsDetected;
        c.driftsResolved = driftsResolved;
        c.lastEventSourceMicros = lastEventSourceMicros;
        c.lastEventTargetMicros = lastEventTargetMicros;
        c.lagBuckets = lagBuckets.clone();
        c.lagCounts = lagCounts.clone();
        c.lagMax = lagMax;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartialStatus p
                && Objects.equals(counterId, p.counterId)
                && Objects.equals(migration, p.migration)
                && Objects.equals(schema, p.schema)
                && Objects.equals(table, p.table)
                && eventsSource == p.eventsSource
                && eventsTarget == p.eventsTarget
                && duplicatesIgnored == p.duplicatesIgnored
                && truncatesIgnored == p.truncatesIgnored
                && keysTracked == p.keysTracked
                && openDrifts == p.openDrifts
                && driftsDetected == p.driftsDetected
                && driftsResolved == p.driftsResolved
                && lastEventSourceMicros == p.lastEventSourceMicros
                && lastEventTargetMicros == p.lastEventTargetMicros
                && Arrays.equals(lagBuckets, p.lagBuckets)
                && Arrays.equals(lagCounts, p.lagCounts)
                && lagMax == p.lagMax;
    }

    @Override
    public int hashCode() {
        return Objects.hash(counterId, schema, table, eventsSource, eventsTarget, keysTracked, openDrifts);
    }

    @Override
    public String toString() {
        return "PartialStatus{" + counterId + " " + schema + "." + table + " events=" + eventsSource + "/"
                + eventsTarget + " keys=" + keysTracked + " open=" + openDrifts + "}";
    }
}
