package dev.driftguard.validator.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.avro.ValueState;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ColumnContentTest {

    private static final String LONG = "é".repeat(300);

    private static ColumnContent someContent() {
        return ValueCap.applied(new SideVersion(
                        dev.driftguard.avro.Op.INSERT,
                        true,
                        1,
                        -1,
                        0,
                        0,
                        null,
                        new String[] {"a", "b", "c", "d"},
                        ColumnContent.of(
                                new ValueState[] {
                                    ValueState.PRESENT, ValueState.NULL, ValueState.UNKNOWN, ValueState.PRESENT
                                },
                                new long[] {0, 0, 0, 42},
                                new String[] {"short", null, null, LONG},
                                null)))
                .content;
    }

    private static byte[] encoded(ColumnContent content) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        content.writeTo(out);
        return out.getCopyOfBuffer();
    }

    @Test
    void contentReadBackIsWrittenAgainByteForByte() throws IOException {
        byte[] bytes = encoded(someContent());

        ColumnContent read = ColumnContent.read(new DataInputDeserializer(bytes), 4, true);

        assertThat(encoded(read)).isEqualTo(bytes);
        assertThat(read.anyUnknown).isTrue();
    }

    @Test
    void contentReadBackDecodesToTheSameColumnsWithTheLongValueStillCut() throws IOException {
        ColumnContent original = someContent();

        ColumnContent read = ColumnContent.read(new DataInputDeserializer(encoded(original)), 4, true);

        assertThat(read.states()).containsExactly(original.states());
        assertThat(read.values()).containsExactly(original.values());
        assertThat(read.values()[3]).hasSize(ValueCap.KEPT_BYTES / 2);
        assertThat(read.fullLengths()).containsExactly(0, 0, 0, 600);
        assertThat(read.hashes()[3]).isEqualTo(42);
        assertThat(encoded(read)).isEqualTo(encoded(original));
    }

    @Test
    void aValueInContentWithoutValuesIsRefusedWhenRead() throws IOException {
        byte[] bytes = encoded(someContent());

        assertThatThrownBy(() -> ColumnContent.read(new DataInputDeserializer(bytes), 4, false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt");
    }
}
