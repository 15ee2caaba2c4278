package dev.driftguard.capture.convert;

import dev.driftguard.row.CanonicalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Canonical text of a Debezium value, given its field schema: turns Debezium's logical representations (with
 * {@code decimal.handling.mode=precise}, {@code time.precision.mode=adaptive_time_microseconds},
 * {@code binary.handling.mode=bytes}, {@code interval.handling.mode=string}) into what the row model takes. References
 * no Debezium class, so it runs in a Kafka Connect plugin loader that does not see the connector.
 */
final class DebeziumValues {

    static final String DATE = "io.debezium.time.Date";
    static final String TIME_MILLIS = "io.debezium.time.Time";
    static final String TIME_MICROS = "io.debezium.time.MicroTime";
    static final String TIME_NANOS = "io.debezium.time.NanoTime";
    static final String TIMESTAMP_MILLIS = "io.debezium.time.Timestamp";
    static final String TIMESTAMP_MICROS = "io.debezium.time.MicroTimestamp";
    static final String TIMESTAMP_NANOS = "io.debezium.time.NanoTimestamp";
    static final String VARIABLE_SCALE_DECIMAL = "io.debezium.data.VariableScaleDecimal";

    private DebeziumValues() {}

    /** Canonical text of a non-null, non-placeholder value. */
    static String canonical(CanonicalType type, Schema schema, Object value) {
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case DATE:
                    return type.canonicalFromEpochDays(((Number) value).longValue());
                case TIME_MILLIS:
                    return type.canonicalFromMicrosOfDay(((Number) value).longValue() * 1_000L);
                case TIME_MICROS:
                    return type.canonicalFromMicrosOfDay(((Number) value).longValue());
                case TIME_NANOS:
                    return type.canonicalFromMicrosOfDay(((Number) value).longValue() / 1_000L);
                case TIMESTAMP_MILLIS:
                    // Debezium's infinity sentinels are whole milliseconds, so this stays exact for them too
                    return type.canonicalFromEpochMicros(((Number) value).longValue() * 1_000L);
                case TIMESTAMP_MICROS:
                    return type.canonicalFromEpochMicros(((Number) value).longValue());
                case TIMESTAMP_NANOS:
                    return type.canonicalFromEpochMicros(Math.floorDiv(((Number) value).longValue(), 1_000L));
                case VARIABLE_SCALE_DECIMAL:
                    return type.canonical(variableScaleDecimal((Struct) value));
                default:
                    break;
            }
        }
        if (schema.type() == Schema.Type.ARRAY) {
            return type.canonical(arrayElements(schema.valueSchema(), (List<?>) value));
        }
        return type.canonical(value);
    }

    /**
     * Array elements in a form the row model's array type takes: temporal elements as Debezium's day / micro numbers
     * (millisecond timestamps widened to micros), variable-scale decimals as BigDecimal, nested arrays recursively.
     */
    private static List<Object> arrayElements(Schema elementSchema, List<?> elements) {
        List<Object> out = new ArrayList<>(elements.size());
        String name = elementSchema == null ? null : elementSchema.name();
        for (Object element : elements) {
            if (element == null) {
                out.add(null);
            } else if (TIMESTAMP_MILLIS.equals(name) || TIME_MILLIS.equals(name)) {
                out.add(((Number) element).longValue() * 1_000L);
            } else if (TIMESTAMP_NANOS.equals(name) || TIME_NANOS.equals(name)) {
                out.add(Math.floorDiv(((Number) element).longValue(), 1_000L));
            } else if (VARIABLE_SCALE_DECIMAL.equals(name)) {
                out.add(variableScaleDecimal((Struct) element));
            } else if (element instanceof ByteBuffer buffer) {
                out.add(bytes(buffer));
            } else if (element instanceof List<?> nested) {
                out.add(arrayElements(elementSchema.valueSchema(), nested));
            } else {
                out.add(element);
            }
        }
        return out;
    }

    static BigDecimal variableScaleDecimal(Struct struct) {
        Object raw = struct.get("value");
        byte[] unscaled = raw instanceof ByteBuffer buffer ? bytes(buffer) : (byte[]) raw;
        return new BigDecimal(new BigInteger(unscaled), struct.getInt32("scale"));
    }

    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
