package dev.driftguard.validator.audit;

import java.util.List;

/** The records one sink subtask produced for one checkpoint, in order: what the committer writes. */
public record AuditBatch<T>(List<T> records) {

    public AuditBatch {
        records = List.copyOf(records);
    }
}
