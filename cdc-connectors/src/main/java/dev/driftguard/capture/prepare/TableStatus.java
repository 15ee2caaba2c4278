package dev.driftguard.capture.prepare;

import dev.driftguard.row.TableId;
import java.util.List;

/**
 * What prepare found for one selected table.
 *
 * @param replicaIdentity {@code pg_class.relreplident} after prepare: {@code d} default (primary key), {@code f} full,
 *     {@code i} index, {@code n} nothing
 * @param replicaIdentityChanged prepare set REPLICA IDENTITY FULL on it (--set-replica-identity-full)
 * @param captured the table is in the publication
 * @param notes why it is not captured, or what its replica identity means for validation
 */
public record TableStatus(
        TableId table,
        List<String> primaryKey,
        char replicaIdentity,
        boolean replicaIdentityChanged,
        boolean captured,
        List<String> notes) {

    public TableStatus {
        primaryKey = List.copyOf(primaryKey);
        notes = List.copyOf(notes);
    }

    public boolean hasPrimaryKey() {
        return !primaryKey.isEmpty();
    }

    public boolean replicaIdentityFull() {
        return replicaIdentity == 'f';
    }
}
