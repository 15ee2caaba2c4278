package dev.driftguard.validator.audit;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.ValidationStatus;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes validator outputs to the audit store once the checkpoint that produced them is complete, like the
 * exactly-once Kafka sink: each subtask collects its records per checkpoint and the committer writes them after the
 * checkpoint has completed. So the store holds exactly what the committed Kafka topics hold, also after a restore
 * (records after the restored checkpoint are produced again and were never written), and every write is an idempotent
 * upsert, so a repeated commit changes nothing.
 */
public final class AuditStoreSink<T extends SpecificRecord> implements Sink<T>, SupportsCommitter<AuditBatch<T>> {

    private static final long serialVersionUID = 1L;

    private final String auditDbUri;
    private final String migration;
    private final Class<T> type;
    private final AuditWrites<T> writes;

    private AuditStoreSink(String auditDbUri, String migration, Class<T> type, AuditWrites<T> writes) {
        this.auditDbUri = Objects.requireNonNull(auditDbUri, "auditDbUri");
        this.migration = Objects.requireNonNull(migration, "migration");
        this.type = type;
        this.writes = writes;
    }

    /** Drift events as findings of origin {@code stream}. */
    public static AuditStoreSink<DriftEvent> drifts(String auditDbUri, String migration) {
        return new AuditStoreSink<>(auditDbUri, migration, DriftEvent.class, new DriftFindings());
    }

    /** Statuses as {@code validation_status} rows. */
    public static AuditStoreSink<ValidationStatus> statuses(String auditDbUri, String migration) {
        return new AuditStoreSink<>(auditDbUri, migration, ValidationStatus.class, new StatusRows());
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new BatchingWriter<>();
    }

    @Override
    public Committer<AuditBatch<T>> createCommitter(CommitterInitContext context) {
        return new AuditCommitter<>(auditDbUri, migration, writes);
    }

    @Override
    public SimpleVersionedSerializer<AuditBatch<T>> getCommittableSerializer() {
        return new AuditBatchSerializer<>(type);
    }
}
