package dev.driftguard.row;

import dev.driftguard.avro.ColumnValue;
import dev.driftguard.avro.KeyPart;
import dev.driftguard.avro.Op;
import dev.driftguard.avro.Position;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.RowHashBytes;
import dev.driftguard.avro.Side;
import dev.driftguard.avro.ValueState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Maps canonical rows to the Avro {@link RowChange} wire record of one migration side, and back. In privacy mode the
 * record carries each column's state and 64-bit hash but no value.
 */
public final class RowChangeFactory {

    private final String migration;
    private final Side side;
    private final boolean privacyMode;

    public RowChangeFactory(String migration, Side side, boolean privacyMode) {
        this.migration = Objects.requireNonNull(migration, "migration");
        this.side = Objects.requireNonNull(side, "side");
        this.privacyMode = privacyMode;
    }

    /**
     * A row change. {@code row} must be null for DELETE and TRUNCATE and non-null otherwise; the row hash is set
     * unless the row has an UNKNOWN column.
     */
    public RowChange create(
            TableId table, RowKey key, Op op, CanonicalRow row, Position position, Instant captureTime) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(captureTime, "captureTime");
        boolean removal = op == Op.DELETE || op == Op.TRUNCATE;
        if (removal != (row == null)) {
            throw new IllegalArgumentException(
                    op + " of " + table + " key " + key + (removal ? " must not carry a row" : " needs a row"));
        }
        RowHashBytes rowHash = null;
        List<ColumnValue> columns = null;
        if (row != null) {
            if (!row.hasUnknown()) {
                rowHash = new RowHashBytes(row.hash().toBytes());
            }
            columns = new ArrayList<>(row.columns().size());
            for (Map.Entry<String, CanonicalValue> column : row.columns().entrySet()) {
                columns.add(columnValue(column.getKey(), column.getValue()));
            }
        }
        return RowChange.newBuilder()
                .setMigration(migration)
                .setSide(side)
                .setSchema$(table.schema())
                .setTable(table.name())
                .setKey(keyParts(key))
                .setOp(op)
                .setRowHash(rowHash)
                .setColumns(columns)
                .setPosition(position)
                .setCaptureTimeMicros(captureTime)
                .build();
    }

    private ColumnValue columnValue(String name, CanonicalValue value) {
        ColumnValue.Builder builder =
                ColumnValue.newBuilder().setName(name).setValue(null).setHash(0L);
        if (value.isUnknown()) {
            builder.setState(ValueState.UNKNOWN);
        } else if (value.isNull()) {
            builder.setState(ValueState.NULL);
        } else {
            builder.setState(ValueState.PRESENT).setHash(RowHash.hash64(value.text()));
            if (!privacyMode) {
                builder.setValue(value.text());
            }
        }
        return builder.build();
    }

    /** Avro key parts of {@code key}, in key order. */
    public static List<KeyPart> keyParts(RowKey key) {
        List<KeyPart> parts = new ArrayList<>(key.columns().size());
        key.asMap().forEach((column, value) -> parts.add(new KeyPart(column, value)));
        return parts;
    }

    public static RowKey rowKey(List<KeyPart> keyParts) {
        List<String> columns = new ArrayList<>(keyParts.size());
        List<String> values = new ArrayList<>(keyParts.size());
        for (KeyPart part : keyParts) {
            columns.add(part.getColumn());
            values.add(part.getValue());
        }
        return new RowKey(columns, values);
    }

    public static TableId tableId(RowChange change) {
        return new TableId(change.getSchema$(), change.getTable());
    }

    /** The row hash, or null (DELETE/TRUNCATE, or a row with UNKNOWN columns). */
    public static RowHash rowHash(RowChange change) {
        return change.getRowHash() == null
                ? null
                : RowHash.fromBytes(change.getRowHash().bytes());
    }

    /**
     * The canonical row carried by {@code change} (UNKNOWN preserved), or null for DELETE/TRUNCATE.
     *
     * @throws IllegalArgumentException if the change was made in privacy mode (it has hashes, not values)
     */
    public static CanonicalRow canonicalRow(RowChange change) {
        if (change.getColumns() == null) {
            return null;
        }
        CanonicalRow.Builder row = CanonicalRow.builder();
        for (ColumnValue column : change.getColumns()) {
            row.put(column.getName(), canonicalValue(change, column));
        }
        return row.build();
    }

    private static CanonicalValue canonicalValue(RowChange change, ColumnValue column) {
        return switch (column.getState()) {
            case NULL -> CanonicalValue.NULL;
            case UNKNOWN -> CanonicalValue.UNKNOWN;
            case PRESENT -> {
                if (column.getValue() == null) {
                    throw new IllegalArgumentException("column \"" + column.getName() + "\" of " + tableId(change)
                            + " carries no value (privacy mode); compare column hashes with differingColumns instead");
                }
                yield CanonicalValue.present(column.getValue());
            }
        };
    }

    /**
     * Columns whose values are known to differ between two row changes of the same key, by state and 64-bit value
     * hash, so it works in privacy mode too. UNKNOWN never differs; a column on one side only always differs; a
     * change without columns (DELETE/TRUNCATE) differs in every column of the other.
     */
    public static List<String> differingColumns(RowChange a, RowChange b) {
        Map<String, ColumnValue> left = byName(a);
        Map<String, ColumnValue> right = byName(b);
        TreeSet<String> names = new TreeSet<>(left.keySet());
        names.addAll(right.keySet());
        List<String> differing = new ArrayList<>();
        for (String name : names) {
            ColumnValue l = left.get(name);
            ColumnValue r = right.get(name);
            if (l == null || r == null) {
                differing.add(name);
            } else if (l.getState() != ValueState.UNKNOWN && r.getState() != ValueState.UNKNOWN) {
                if (l.getState() != r.getState() || l.getHash() != r.getHash()) {
                    differing.add(name);
                }
            }
        }
        return differing;
    }

    private static Map<String, ColumnValue> byName(RowChange change) {
        TreeMap<String, ColumnValue> columns = new TreeMap<>();
        if (change.getColumns() != null) {
            for (ColumnValue column : change.getColumns()) {
                columns.put(column.getName(), column);
            }
        }
        return columns;
    }
}
