package dev.driftguard.validator.audit;

import dev.driftguard.audit.AuditStore;
import dev.driftguard.audit.Finding;
import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.DriftKind;
import dev.driftguard.row.RowChangeFactory;
import dev.driftguard.row.TableId;
import java.util.ArrayList;
import java.util.List;

/**
 * Drift events as audit store findings (origin {@code stream}): a drift is upserted by its id (a re-report updates
 * kind, columns, values and positions); RESOLVED sets the finding's resolution. Both are idempotent.
 */
final class DriftFindings implements AuditWrites<DriftEvent> {

    private static final long serialVersionUID = 1L;
    static final String RESOLUTION = "RESOLVED";

    @Override
    public void write(AuditStore store, List<DriftEvent> drifts) {
        List<Finding> pending = new ArrayList<>();
        for (DriftEvent drift : drifts) {
            if (drift.getKind() == DriftKind.RESOLVED) {
                // A resolution must follow the finding it resolves.
                store.upsertFindings(pending);
                pending.clear();
                store.resolveFinding(drift.getDriftId(), drift.getResolvedAtMicros(), RESOLUTION);
            } else {
                pending.add(finding(drift));
            }
        }
        store.upsertFindings(pending);
    }

    static Finding finding(DriftEvent drift) {
        return Finding.builder()
                .findingId(drift.getDriftId())
                .migrationId(drift.getMigration())
                .fromStream()
                .table(new TableId(drift.getSchema$(), drift.getTable()))
                .key(RowChangeFactory.rowKey(drift.getKey()))
                .kind(drift.getKind())
                .columns(drift.getColumns())
                .sourceValues(drift.getSourceValues())
                .targetValues(drift.getTargetValues())
                .sourcePosition(drift.getSourcePosition())
                .targetPosition(drift.getTargetPosition())
                .firstSeen(drift.getFirstSeenMicros())
                .detectedAt(drift.getDetectedAtMicros())
                .build();
    }
}
