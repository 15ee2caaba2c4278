package dev.driftguard.validator;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;

/**
 * Flink type information for the driftguard Avro records, serialized with flink-avro's {@link AvroSerializer}.
 * flink-avro's own {@code AvroTypeInfo} cannot be used: it analyses the class as a POJO, and the records' field
 * {@code schema} (generated as {@code getSchema$()}, since {@code getSchema()} is Avro's) fails that analysis.
 */
public final class AvroRecordType<T extends SpecificRecord> extends SingleValueTypeInformation<T> {

    private static final long serialVersionUID = 1L;

    private AvroRecordType(Class<T> type) {
        super(type);
    }

    public static <T extends SpecificRecord> AvroRecordType<T> forClass(Class<T> type) {
        return new AvroRecordType<>(type);
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new AvroSerializer<>(getTypeClass());
    }
}
