package dev.driftguard.capture.convert;

import dev.driftguard.avro.Op;
import dev.driftguard.avro.Position;
import dev.driftguard.avro.RowChange;
import dev.driftguard.capture.CaptureNames;
import dev.driftguard.row.CanonicalRow;
import dev.driftguard.row.CanonicalType;
import dev.driftguard.row.CanonicalTypes;
import dev.driftguard.row.CanonicalValue;
import dev.driftguard.row.RowChangeCodec;
import dev.driftguard.row.RowChangeFactory;
import dev.driftguard.row.RowKey;
import dev.driftguard.row.TableId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Turns one Debezium PostgreSQL change event (the envelope with {@code before}, {@code after}, {@code source},
 * {@code op}) into a canonical {@link RowChange}: the single conversion behind both the embedded engine and the Kafka
 * Connect transform.
 *
 * <p>Debezium emits a primary-key UPDATE as a DELETE of the old key followed by a CREATE of the new key, so every
 * event maps to exactly one record. Each event's own value schema says which columns it carries, so a column added
 * mid-stream simply appears in later records. Thread-safe: the embedded engine converts a batch's records in
 * parallel.
 */
public final class ChangeEventConverter {

    private final RowChangeFactory factory;
    private final CaptureNames names;
    private final UnavailableValue unavailable;
    private final Clock clock;
    /**
     * Debezium reuses one value schema object per table version; the plan per schema avoids re-resolving types. Read
     * without locking, replaced (copy on write) when a new schema appears.
     */
    private volatile Map<Schema, RowPlan> plans = new IdentityHashMap<>();

    private final Map<String, String> domainTypes;

    /**
     * @param domainTypes base type name of each domain type (lower-case typname to typname), from the catalog
     */
    public ChangeEventConverter(
            CaptureNames names,
            boolean hashOnly,
            String unavailableValuePlaceholder,
            Map<String, String> domainTypes,
            Clock clock) {
        this.domainTypes = Map.copyOf(domainTypes);
        this.names = Objects.requireNonNull(names, "names");
        this.factory = new RowChangeFactory(names.migration(), names.side(), hashOnly);
        this.unavailable = new UnavailableValue(unavailableValuePlaceholder);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public CaptureNames names() {
        return names;
    }

    /**
     * The canonical change, or null for a record that is not a row change (heartbeats, logical decoding messages,
     * tombstones).
     *
     * @throws DataException for a change it cannot convert (the message names table, column and cause)
     */
    public CapturedChange convert(ConnectRecord<?> record) {
        if (!(record.value() instanceof Struct envelope) || envelope.schema().field("op") == null) {
            return null;
        }
        Op op = op(envelope.getString("op"));
        if (op == null) {
            return null;
        }
        Struct source = envelope.getStruct("source");
        TableId table = new TableId(source.getString("schema"), source.getString("table"));
        Position position = position(source);
        Instant captureTime = captureTime(envelope);
        try {
            if (op == Op.TRUNCATE) {
                RowChange change = factory.create(table, RowKey.EMPTY, op, null, position, captureTime);
                return new CapturedChange(table, op, RowChangeCodec.encodeKey(table, RowKey.EMPTY), change);
            }
            Struct image = envelope.getStruct(op == Op.DELETE ? "before" : "after");
            if (image == null) {
                throw new DataException(op + " event of " + table + " at LSN " + position.getLsn() + " has no "
                        + (op == Op.DELETE ? "before" : "after") + " image");
            }
            RowPlan plan = plan(table, image.schema());
            RowKey key = key(table, plan, record.key(), image);
            CanonicalRow row = op == Op.DELETE ? null : row(table, plan, image);
            RowChange change = factory.create(table, key, op, row, position, captureTime);
            return new CapturedChange(table, op, RowChangeCodec.encodeKey(table, key), change);
        } catch (RuntimeException e) {
            if (e instanceof DataException) {
                throw e;
            }
            throw new DataException(
                    "cannot convert " + op + " of " + table + " at LSN " + position.getLsn() + " (" + names.migration()
                            + " " + names.sideName() + "): " + e.getMessage(),
                    e);
        }
    }

    private RowPlan plan(TableId table, Schema rowSchema) {
        RowPlan plan = plans.get(rowSchema);
        if (plan != null) {
            return plan;
        }
        synchronized (this) {
            plan = plans.get(rowSchema);
            if (plan == null) {
                plan = RowPlan.of(table, rowSchema, domainTypes);
                Map<Schema, RowPlan> next = new IdentityHashMap<>(plans);
                next.put(rowSchema, plan);
                plans = next;
            }
            return plan;
        }
    }

    private static Op op(String code) {
        return switch (code) {
            case "c" -> Op.INSERT;
            case "u" -> Op.UPDATE;
            case "d" -> Op.DELETE;
            case "r" -> Op.SNAPSHOT;
            case "t" -> Op.TRUNCATE;
            default -> null;
        };
    }

    private static Position position(Struct source) {
        Long lsn = longOrNull(source, "lsn");
        Long commitMicros = longOrNull(source, "ts_us");
        if (commitMicros == null) {
            commitMicros = source.getInt64("ts_ms") * 1_000L;
        }
        // the constructor, not the builder: Avro's builders validate and copy field defaults on every build
        return new Position(lsn == null ? 0L : lsn, longOrNull(source, "txId"), instantOfMicros(commitMicros));
    }

    private Instant captureTime(Struct envelope) {
        Long micros = longOrNull(envelope, "ts_us");
        if (micros == null) {
            Long millis = longOrNull(envelope, "ts_ms");
            return millis == null ? clock.instant() : Instant.ofEpochMilli(millis);
        }
        return instantOfMicros(micros);
    }

    private static Long longOrNull(Struct struct, String field) {
        Field f = struct.schema().field(field);
        return f == null ? null : (Long) struct.get(f);
    }

    private static Instant instantOfMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private RowKey key(TableId table, RowPlan plan, Object recordKey, Struct image) {
        if (!(recordKey instanceof Struct keyStruct)) {
            throw new DataException(table + " has no primary key in the change event: capture only tables with a"
                    + " primary key (capture prepare leaves the others out of the publication)");
        }
        List<Field> keyFields = keyStruct.schema().fields();
        List<String> columns = new ArrayList<>(keyFields.size());
        List<String> values = new ArrayList<>(keyFields.size());
        for (Field keyField : keyFields) {
            ColumnPlan column = plan.column(keyField.name());
            Object raw = image.get(column.field());
            CanonicalValue value = canonical(column, raw);
            if (!value.isPresent()) {
                throw new DataException("key column \"" + keyField.name() + "\" of " + table + " is " + value);
            }
            columns.add(keyField.name());
            values.add(value.text());
        }
        return new RowKey(columns, values);
    }

    private CanonicalRow row(TableId table, RowPlan plan, Struct image) {
        CanonicalRow.Builder row = CanonicalRow.builder();
        for (ColumnPlan column : plan.columns()) {
            row.put(column.field().name(), canonical(column, image.get(column.field())));
        }
        return row.build();
    }

    private CanonicalValue canonical(ColumnPlan column, Object raw) {
        if (raw == null) {
            return CanonicalValue.NULL;
        }
        if (column.toastable() && (unavailable.matches(raw) || isMultiDimensionalArrayRemnant(raw))) {
            return CanonicalValue.UNKNOWN;
        }
        try {
            return CanonicalValue.present(
                    DebeziumValues.canonical(column.type(), column.field().schema(), raw));
        } catch (RuntimeException e) {
            throw new DataException("column \"" + column.field().name() + "\": " + e.getMessage(), e);
        }
    }

    /**
     * Debezium cannot represent multi-dimensional arrays: it sends one NULL per sub-array. Such a value (and the rare
     * real array of only NULLs, which looks the same) is UNKNOWN, so that it is never reported equal by mistake;
     * batch compare reads those values exactly.
     */
    private static boolean isMultiDimensionalArrayRemnant(Object raw) {
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            return false;
        }
        for (Object element : list) {
            if (element != null) {
                return false;
            }
        }
        return true;
    }

    /** How to canonicalize each column of one table version. */
    private record RowPlan(Map<String, ColumnPlan> byName, List<ColumnPlan> columns) {

        static RowPlan of(TableId table, Schema rowSchema, Map<String, String> domainTypes) {
            Map<String, ColumnPlan> byName = new HashMap<>();
            List<ColumnPlan> columns = new ArrayList<>();
            for (Field field : rowSchema.fields()) {
                CanonicalType type = CanonicalTypes.resolve(
                        table,
                        field.name(),
                        DebeziumColumnTypes.of(table.toString(), field.name(), field.schema(), domainTypes));
                ColumnPlan plan = new ColumnPlan(field, type, isToastable(field.schema()));
                byName.put(field.name(), plan);
                columns.add(plan);
            }
            return new RowPlan(byName, columns);
        }

        ColumnPlan column(String name) {
            ColumnPlan plan = byName.get(name);
            if (plan == null) {
                throw new DataException("key column \"" + name + "\" is not in the row image");
            }
            return plan;
        }

        /** Only variable-length values can be TOASTed; fixed-size types never carry the placeholder. */
        private static boolean isToastable(Schema schema) {
            return switch (schema.type()) {
                case STRING, BYTES, ARRAY, STRUCT, MAP -> true;
                default -> false;
            };
        }
    }

    private record ColumnPlan(Field field, CanonicalType type, boolean toastable) {}
}
