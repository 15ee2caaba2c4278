package dev.driftguard.validator.audit;

import dev.driftguard.audit.AuditStore;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.pg.DatabaseAccessException;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes completed checkpoints' batches to the audit store, in checkpoint order. A retriable database error (lost
 * connection, failover, serialization failure) is retried with a growing pause; Flink fails the job after its
 * committer retry limit, and a permanent error fails it at once. After a failed batch, later batches of the same call
 * wait too, so a resolution is never written before the drift it resolves.
 */
final class AuditCommitter<T> implements Committer<AuditBatch<T>> {

    private static final Logger LOG = LoggerFactory.getLogger(AuditCommitter.class);
    private static final long MAX_PAUSE_MILLIS = 5_000;

    private final String auditDbUri;
    private final String migration;
    private final AuditWrites<T> writes;
    private AuditStore store;

    AuditCommitter(String auditDbUri, String migration, AuditWrites<T> writes) {
        this.auditDbUri = auditDbUri;
        this.migration = migration;
        this.writes = writes;
    }

    @Override
    public void commit(Collection<CommitRequest<AuditBatch<T>>> requests) throws InterruptedException {
        boolean blocked = false;
        for (CommitRequest<AuditBatch<T>> request : requests) {
            if (blocked) {
                request.retryLater();
                continue;
            }
            try {
                writes.write(store(), request.getCommittable().records());
            } catch (DatabaseAccessException e) {
                if (!e.isRetriable()) {
                    request.signalFailedWithKnownReason(e);
                    blocked = true;
                    continue;
                }
                long pause = Math.min(MAX_PAUSE_MILLIS, 200L << Math.min(request.getNumberOfRetries(), 5));
                LOG.warn(
                        "writing {} record(s) of migration {} to the audit store failed (attempt {}), retrying in {} ms: {}",
                        request.getCommittable().records().size(),
                        migration,
                        request.getNumberOfRetries() + 1,
                        pause,
                        e.getMessage());
                closeStore();
                Thread.sleep(pause);
                request.retryLater();
                blocked = true;
            }
        }
    }

    private AuditStore store() {
        if (store == null) {
            store = AuditStore.open(ConnectionSpec.parse(auditDbUri));
            store.recordMigration(migration, "");
        }
        return store;
    }

    private void closeStore() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    @Override
    public void close() {
        closeStore();
    }
}
