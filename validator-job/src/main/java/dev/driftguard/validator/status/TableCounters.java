package dev.driftguard.validator.status;

import dev.driftguard.avro.Side;
import java.util.UUID;

/** One detector subtask's live counters for one table; see {@link PartialStatus} for their meaning. */
public final class TableCounters {

    private final PartialStatus totals;
    private final LagHistogram lagSinceLastPartial = new LagHistogram();
    private boolean changed = true;

    private TableCounters(PartialStatus totals) {
        this.totals = totals;
    }

    public static TableCounters create(String migration, String schema, String table) {
        PartialStatus totals = new PartialStatus();
        totals.counterId = UUID.randomUUID().toString();
        totals.migration = migration;
        totals.schema = schema;
        totals.table = table;
        return new TableCounters(totals);
    }

    /** Counters restored from a checkpoint, with the lag samples that had not been sent yet. */
    public static TableCounters restore(PartialStatus snapshot) {
        TableCounters counters = new TableCounters(snapshot.copy());
        counters.lagSinceLastPartial.addSparse(snapshot.lagBuckets, snapshot.lagCounts, snapshot.lagMax);
        counters.totals.lagBuckets = new int[0];
        counters.totals.lagCounts = new long[0];
        counters.totals.lagMax = -1;
        return counters;
    }

    public String counterId() {
        return totals.counterId;
    }

    public void event(Side side, long commitMicros) {
        if (side == Side.SOURCE) {
            totals.eventsSource++;
            totals.lastEventSourceMicros = Math.max(totals.lastEventSourceMicros, commitMicros);
        } else {
            totals.eventsTarget++;
            totals.lastEventTargetMicros = Math.max(totals.lastEventTargetMicros, commitMicros);
        }
        changed = true;
    }

    public void duplicateIgnored() {
        totals.duplicatesIgnored++;
        changed = true;
    }

    public void truncateIgnored() {
        totals.truncatesIgnored++;
        changed = true;
    }

    public void keyAdded() {
        totals.keysTracked++;
        changed = true;
    }

    public void keyRemoved() {
        totals.keysTracked--;
        changed = true;
    }

    public void driftOpened() {
        totals.openDrifts++;
        totals.driftsDetected++;
        changed = true;
    }

    public void driftResolved() {
        totals.openDrifts--;
        totals.driftsResolved++;
        changed = true;
    }

    public void lag(long millis) {
        lagSinceLastPartial.record(millis);
        changed = true;
    }

    public long openDrifts() {
        return totals.openDrifts;
    }

    public long keysTracked() {
        return totals.keysTracked;
    }

    public boolean changedSinceLastPartial() {
        return changed;
    }

    /** The partial to send now; the lag samples it carries are not sent again. */
    public PartialStatus drainPartial() {
        PartialStatus partial = checkpointForm();
        lagSinceLastPartial.clear();
        changed = false;
        return partial;
    }

    /** The counters including lag samples not sent yet, for a checkpoint. */
    public PartialStatus checkpointForm() {
        PartialStatus form = totals.copy();
        form.lagBuckets = lagSinceLastPartial.nonEmptyBuckets();
        form.lagCounts = lagSinceLastPartial.nonEmptyCounts();
        form.lagMax = lagSinceLastPartial.max();
        return form;
    }
}
