package dev.driftguard.validator.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class DetectorKeyTypeTest {

    private final TypeSerializer<String> serializer =
            DetectorKeyType.INSTANCE.createSerializer(new SerializerConfigImpl());

    @Test
    void keysOfAnyTextSurviveTheRoundTrip() throws IOException {
        String[] keys = {
            DetectorKey.of("public", "orders", "[\"42\"]"),
            DetectorKey.of("sch\u00e9ma", "t\u00e4ble \ud83d\ude00", "[\"caf\u00e9\",\"\"]"),
            "",
            "x".repeat(300)
        };
        DataOutputSerializer out = new DataOutputSerializer(16);
        for (String key : keys) {
            serializer.serialize(key, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (String key : keys) {
            assertThat(serializer.deserialize(in)).isEqualTo(key);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void copyingSerializedKeysKeepsTheirBytes() throws IOException {
        DataOutputSerializer original = new DataOutputSerializer(16);
        serializer.serialize(DetectorKey.of("public", "orders", "[\"\u00e9\"]"), original);
        DataOutputSerializer copy = new DataOutputSerializer(16);
        serializer.copy(new DataInputDeserializer(original.getCopyOfBuffer()), copy);
        assertThat(copy.getCopyOfBuffer()).isEqualTo(original.getCopyOfBuffer());
    }

    @Test
    void writesTheBytesOfFlinksStringSerializer() throws IOException {
        String[] keys = {
            DetectorKey.of("public", "orders", "[\"42\"]"),
            "\u00e9\u4e2d\ud83d\ude00\u0000\u007f\u0080\u3fff\u4000\uffff",
            "",
            "y".repeat(20_000)
        };
        for (String key : keys) {
            DataOutputSerializer ours = new DataOutputSerializer(16);
            serializer.serialize(key, ours);
            DataOutputSerializer flinks = new DataOutputSerializer(16);
            StringSerializer.INSTANCE.serialize(key, flinks);
            assertThat(ours.getCopyOfBuffer()).isEqualTo(flinks.getCopyOfBuffer());
        }
    }

    @Test
    void acceptsStateKeyedByFlinksStringType() {
        TypeSerializerSnapshot<String> ours = serializer.snapshotConfiguration();
        assertThat(ours.resolveSchemaCompatibility(StringSerializer.INSTANCE.snapshotConfiguration())
                        .isCompatibleAsIs())
                .isTrue();
        assertThat(ours.resolveSchemaCompatibility(serializer.snapshotConfiguration())
                        .isCompatibleAsIs())
                .isTrue();
    }

    @Test
    void isAKeyTypeThatFlinkAccepts() {
        assertThat(DetectorKeyType.INSTANCE.isKeyType()).isTrue();
        assertThat(DetectorKeyType.INSTANCE.getTypeClass()).isEqualTo(String.class);
    }
}
