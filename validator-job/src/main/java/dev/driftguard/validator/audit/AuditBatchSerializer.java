package dev.driftguard.validator.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Keeps pending audit batches in checkpoints: a count, then each record as Avro binary with the current schema.
 * Version 1; a schema change of the records needs a new version that reads the old layout.
 */
final class AuditBatchSerializer<T extends SpecificRecord> implements SimpleVersionedSerializer<AuditBatch<T>> {

    private static final int VERSION = 1;

    private final Class<T> type;

    AuditBatchSerializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(AuditBatch<T> batch) throws IOException {
        SpecificData model = SpecificData.getForClass(type);
        SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(model.getSchema(type), model);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
        encoder.writeInt(batch.records().size());
        for (T record : batch.records()) {
            writer.write(record, encoder);
        }
        encoder.flush();
        return bytes.toByteArray();
    }

    @Override
    public AuditBatch<T> deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("audit batch of " + type.getSimpleName() + " has serializer version " + version
                    + ", this validator reads version " + VERSION + "; restore with a validator of that version");
        }
        SpecificData model = SpecificData.getForClass(type);
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(model.getSchema(type), model.getSchema(type), model);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(serialized, null);
        int n = decoder.readInt();
        List<T> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(reader.read(null, decoder));
        }
        return new AuditBatch<>(records);
    }
}
