package dev.driftguard.capture.prepare;

import dev.driftguard.pg.Lsn;
import dev.driftguard.row.TableId;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link CapturePreparer#prepare}: the publication and slot (created now or found), and each selected
 * table's status.
 *
 * @param slotLsn the slot's {@code confirmed_flush_lsn} (where streaming resumes), or its creation point
 * @param domainTypes base type name of each domain type a captured column uses (domain typname to base typname)
 */
public record PrepareReport(
        String publication,
        boolean publicationCreated,
        String slot,
        boolean slotCreated,
        Lsn slotLsn,
        int serverVersionNum,
        List<TableStatus> tables,
        Map<String, String> domainTypes) {

    public PrepareReport {
        tables = List.copyOf(tables);
        domainTypes = Map.copyOf(domainTypes);
    }

    /** The tables in the publication, in catalog order. */
    public List<TableId> capturedTables() {
        return tables.stream()
                .filter(TableStatus::captured)
                .map(TableStatus::table)
                .toList();
    }

    /** Selected tables left out of the publication (no primary key, REPLICA IDENTITY NOTHING). */
    public List<TableStatus> notCaptured() {
        return tables.stream().filter(t -> !t.captured()).toList();
    }

    /** Captured tables without REPLICA IDENTITY FULL: their unchanged TOAST values arrive as UNKNOWN. */
    public List<TableStatus> withoutReplicaIdentityFull() {
        return tables.stream()
                .filter(t -> t.captured() && !t.replicaIdentityFull())
                .toList();
    }
}
