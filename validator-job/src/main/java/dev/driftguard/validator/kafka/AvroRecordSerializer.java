package dev.driftguard.validator.kafka;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.row.RowChangeCodec;
import dev.driftguard.row.RowChangeFactory;
import dev.driftguard.row.TableId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes validator outputs in the same wire format as capture's records: Avro single-object encoding (magic
 * {@code C3 01}, schema fingerprint, Avro binary); read them back with e.g. {@code DriftEvent.getDecoder()}.
 */
public final class AvroRecordSerializer<T extends SpecificRecord> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final Class<T> type;
    private final SerializableFunction<T, byte[]> key;
    private transient BinaryMessageEncoder<T> encoder;

    private AvroRecordSerializer(String topic, Class<T> type, SerializableFunction<T, byte[]> key) {
        this.topic = topic;
        this.type = type;
        this.key = key;
    }

    /** Drift events keyed like capture's records: {@code "schema"."table"} NUL encoded key. */
    public static AvroRecordSerializer<DriftEvent> drifts(String topic) {
        return new AvroRecordSerializer<>(topic, DriftEvent.class, AvroRecordSerializer::driftKey);
    }

    /** Statuses keyed by {@code "schema"."table"}, or empty for the whole migration. */
    public static AvroRecordSerializer<ValidationStatus> statuses(String topic) {
        return new AvroRecordSerializer<>(topic, ValidationStatus.class, AvroRecordSerializer::statusKey);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, key.apply(element), encode(element));
    }

    private byte[] encode(T element) {
        if (encoder == null) {
            SpecificData model = SpecificData.getForClass(type);
            encoder = new BinaryMessageEncoder<>(model, model.getSchema(type));
        }
        try {
            ByteBuffer buffer = encoder.encode(element);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName() + " for topic " + topic, e);
        }
    }

    private static byte[] driftKey(DriftEvent drift) {
        return RowChangeCodec.encodeKey(
                new TableId(drift.getSchema$(), drift.getTable()), RowChangeFactory.rowKey(drift.getKey()));
    }

    private static byte[] statusKey(ValidationStatus status) {
        if (status.getSchema$() == null) {
            return new byte[0];
        }
        return new TableId(status.getSchema$(), status.getTable()).quoted().getBytes(StandardCharsets.UTF_8);
    }
}
