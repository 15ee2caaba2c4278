package dev.driftguard.validator.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;

/** Collects records until the next checkpoint, then hands them to the committer as one batch. */
final class BatchingWriter<T> implements CommittingSinkWriter<T, AuditBatch<T>> {

    private List<T> pending = new ArrayList<>();

    @Override
    public void write(T element, Context context) {
        pending.add(element);
    }

    @Override
    public void flush(boolean endOfInput) {
        // Nothing to flush: records are written by the committer once their checkpoint is complete.
    }

    @Override
    public Collection<AuditBatch<T>> prepareCommit() {
        if (pending.isEmpty()) {
            return List.of();
        }
        AuditBatch<T> batch = new AuditBatch<>(pending);
        pending = new ArrayList<>();
        return List.of(batch);
    }

    @Override
    public void close() {
        pending.clear();
    }
}
