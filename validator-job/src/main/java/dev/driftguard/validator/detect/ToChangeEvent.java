package dev.driftguard.validator.detect;

import dev.driftguard.avro.KeyPart;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.row.RowChangeFactory;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Turns one side's {@link RowChange} records into {@link ChangeEvent}s, right after the source. Fails on a record of
 * the other side or another migration: a topic mix-up would otherwise validate the wrong data.
 */
public final class ToChangeEvent implements MapFunction<RowChange, ChangeEvent> {

    private static final long serialVersionUID = 1L;

    private final String migration;
    private final Side side;
    private final boolean keepValues;

    public ToChangeEvent(String migration, Side side, boolean privacyMode) {
        this.migration = Objects.requireNonNull(migration, "migration");
        this.side = Objects.requireNonNull(side, "side");
        this.keepValues = !privacyMode;
    }

    @Override
    public ChangeEvent map(RowChange change) {
        if (change.getSide() != side) {
            throw new IllegalStateException("a " + change.getSide() + " change of " + change.getSchema$() + "."
                    + change.getTable() + " arrived on the " + side + " input: the "
                    + side.name().toLowerCase(Locale.ROOT)
                    + " topic holds records of the other side; check the topic names given to the validator");
        }
        if (!migration.equals(change.getMigration())) {
            throw new IllegalStateException("a change of migration '" + change.getMigration() + "' arrived at the"
                    + " validator of migration '" + migration + "'; check the topic names");
        }
        List<KeyPart> keyParts = change.getKey();
        String[] keyColumns = new String[keyParts.size()];
        for (int i = 0; i < keyColumns.length; i++) {
            keyColumns[i] = keyParts.get(i).getColumn();
        }
        String key = DetectorKey.of(
                change.getSchema$(),
                change.getTable(),
                RowChangeFactory.rowKey(keyParts).encoded());
        return new ChangeEvent(
                key, change.getSchema$(), change.getTable(), keyColumns, side, SideVersion.of(change, keepValues));
    }
}
