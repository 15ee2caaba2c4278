package dev.driftguard.validator.kafka;

import dev.driftguard.avro.RowChange;
import dev.driftguard.row.RowChangeCodec;
import dev.driftguard.validator.AvroRecordType;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes capture's records ({@link RowChangeCodec}). A record that does not decode stops the job with its topic,
 * partition and offset: skipping it would silently validate less than the user thinks.
 */
public final class RowChangeDeserializer implements KafkaRecordDeserializationSchema<RowChange> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RowChange> out) {
        try {
            out.collect(RowChangeCodec.decodeValue(record.value()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "record at " + record.topic() + "/" + record.partition() + " offset "
                            + record.offset() + " is not a driftguard RowChange: " + e.getMessage()
                            + "; only driftguard capture may write to this topic",
                    e);
        }
    }

    @Override
    public TypeInformation<RowChange> getProducedType() {
        return AvroRecordType.forClass(RowChange.class);
    }
}
