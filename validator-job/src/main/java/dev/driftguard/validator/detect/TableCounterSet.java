package dev.driftguard.validator.detect;

import dev.driftguard.validator.status.PartialStatus;
import dev.driftguard.validator.status.TableCounters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The per-table counters of one detector subtask: those it updates, by schema then table, and the sets restored beyond
 * one per table (after rescaling, two subtasks' sets of a table land on one), which are sent and checkpointed but never
 * updated. Not thread-safe: the detector's task thread only.
 */
final class TableCounterSet {

    private final String migration;
    private final Map<String, Map<String, TableCounters>> bySchema = new HashMap<>();
    private final List<TableCounters> restoredExtras = new ArrayList<>();

    TableCounterSet(String migration) {
        this.migration = migration;
    }

    /** Takes over counter sets from a checkpoint: the first of each table is updated from now on. */
    void restore(Iterable<PartialStatus> restored) {
        for (PartialStatus status : restored) {
            Map<String, TableCounters> tables = bySchema.computeIfAbsent(status.schema, s -> new HashMap<>());
            if (tables.containsKey(status.table)) {
                restoredExtras.add(TableCounters.restore(status));
            } else {
                tables.put(status.table, TableCounters.restore(status));
            }
        }
    }

    /** The counters of {@code schema.table}, created on first use. */
    TableCounters of(String schema, String table) {
        return bySchema.computeIfAbsent(schema, s -> new HashMap<>())
                .computeIfAbsent(table, t -> TableCounters.create(migration, schema, table));
    }

    /** The counters of the table of a detector key (computed only when needed: most timers need none). */
    TableCounters ofKey(String key) {
        return of(DetectorKey.schema(key), DetectorKey.table(key));
    }

    /** Every counter set, the restored extras last. */
    void forEach(Consumer<TableCounters> action) {
        for (Map<String, TableCounters> tables : bySchema.values()) {
            tables.values().forEach(action);
        }
        restoredExtras.forEach(action);
    }

    List<PartialStatus> checkpointForms() {
        List<PartialStatus> forms = new ArrayList<>();
        forEach(counters -> forms.add(counters.checkpointForm()));
        return forms;
    }

    long openDrifts() {
        return sum(TableCounters::openDrifts);
    }

    long keysTracked() {
        return sum(TableCounters::keysTracked);
    }

    private long sum(ToLongFunction<TableCounters> value) {
        long[] sum = {0};
        forEach(counters -> sum[0] += value.applyAsLong(counters));
        return sum[0];
    }
}
