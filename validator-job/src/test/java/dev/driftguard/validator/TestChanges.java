package dev.driftguard.validator;

import dev.driftguard.avro.Op;
import dev.driftguard.avro.Position;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.row.CanonicalRow;
import dev.driftguard.row.CanonicalValue;
import dev.driftguard.row.RowChangeFactory;
import dev.driftguard.row.RowKey;
import dev.driftguard.row.TableId;
import java.time.Instant;
import java.util.List;

/**
 * Canonical row changes of one side of a test migration, made with row-model's {@link RowChangeFactory} exactly as
 * capture makes them. Table {@code public.orders}, key column {@code id}; commit time = {@link #BASE_MILLIS} + LSN
 * milliseconds, so lag is easy to predict.
 */
public final class TestChanges {

    public static final String MIGRATION = "m1";
    public static final TableId ORDERS = new TableId("public", "orders");
    public static final long BASE_MILLIS = 1_700_000_000_000L;
    /** A column value that capture reports as UNKNOWN (unchanged TOAST). */
    public static final String UNKNOWN = new String("<unknown>");

    private final String migration;
    private final Side side;
    private final RowChangeFactory factory;
    private TableId table = ORDERS;

    private TestChanges(String migration, Side side, boolean privacyMode) {
        this.migration = migration;
        this.side = side;
        this.factory = new RowChangeFactory(migration, side, privacyMode);
    }

    public static TestChanges source() {
        return new TestChanges(MIGRATION, Side.SOURCE, false);
    }

    public static TestChanges target() {
        return new TestChanges(MIGRATION, Side.TARGET, false);
    }

    public static TestChanges of(String migration, Side side, boolean privacyMode) {
        return new TestChanges(migration, side, privacyMode);
    }

    public TestChanges table(TableId value) {
        this.table = value;
        return this;
    }

    public RowChange insert(long id, long lsn, String... columnsAndValues) {
        return change(Op.INSERT, id, lsn, row(columnsAndValues));
    }

    public RowChange update(long id, long lsn, String... columnsAndValues) {
        return change(Op.UPDATE, id, lsn, row(columnsAndValues));
    }

    public RowChange snapshot(long id, long lsn, String... columnsAndValues) {
        return change(Op.SNAPSHOT, id, lsn, row(columnsAndValues));
    }

    public RowChange delete(long id, long lsn) {
        return change(Op.DELETE, id, lsn, null);
    }

    public RowChange truncate(long lsn) {
        return RowChange.newBuilder()
                .setMigration(migration)
                .setSide(side)
                .setSchema$(table.schema())
                .setTable(table.name())
                .setKey(List.of())
                .setOp(Op.TRUNCATE)
                .setRowHash(null)
                .setColumns(null)
                .setPosition(position(lsn))
                .setCaptureTimeMicros(Instant.ofEpochMilli(BASE_MILLIS + lsn))
                .build();
    }

    public RowChange change(Op op, long id, long lsn, CanonicalRow row) {
        RowKey key = RowKey.of(List.of("id"), List.of(Long.toString(id)));
        return factory.create(table, key, op, row, position(lsn), Instant.ofEpochMilli(BASE_MILLIS + lsn));
    }

    public static Position position(long lsn) {
        return Position.newBuilder()
                .setLsn(lsn)
                .setTxId(lsn / 10)
                .setCommitTimeMicros(Instant.ofEpochMilli(BASE_MILLIS + lsn))
                .build();
    }

    /** A row from (column, value) pairs: null is SQL NULL, {@link #UNKNOWN} is UNKNOWN. */
    public static CanonicalRow row(String... columnsAndValues) {
        if (columnsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("columns and values come in pairs");
        }
        CanonicalRow.Builder row = CanonicalRow.builder();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            String value = columnsAndValues[i + 1];
            CanonicalValue canonical = value == UNKNOWN ? CanonicalValue.UNKNOWN : CanonicalValue.ofNullable(value);
            row.put(columnsAndValues[i], canonical);
        }
        return row.build();
    }
}
