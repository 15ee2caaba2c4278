package dev.driftguard.validator.audit;

import dev.driftguard.audit.AuditStore;
import java.io.Serializable;
import java.util.List;

/** How one kind of validator output is written to the audit store. Must be idempotent: commits can be repeated. */
interface AuditWrites<T> extends Serializable {

    /** Writes {@code records} in their order. */
    void write(AuditStore store, List<T> records);
}
