package dev.driftguard.validator.detect;

import static dev.driftguard.validator.TestChanges.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.avro.Side;
import dev.driftguard.avro.ValueState;
import dev.driftguard.validator.TestChanges;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ToChangeEventTest {

    private final ToChangeEvent sourceEvents = new ToChangeEvent(TestChanges.MIGRATION, Side.SOURCE, false);

    @Test
    void aChangeKeepsItsKeyTablePositionAndColumns() {
        ChangeEvent event =
                sourceEvents.map(TestChanges.source().update(7, 100, "doc", UNKNOWN, "id", "7", "note", null));

        assertThat(event.key).isEqualTo("public\0orders\0[\"7\"]");
        assertThat(event.schema).isEqualTo("public");
        assertThat(event.table).isEqualTo("orders");
        assertThat(event.keyColumns).containsExactly("id");
        assertThat(event.side).isEqualTo(Side.SOURCE);
        assertThat(event.version.lsn).isEqualTo(100);
        assertThat(event.version.columns).containsExactly("doc", "id", "note");
        assertThat(event.version.states()).containsExactly(ValueState.UNKNOWN, ValueState.PRESENT, ValueState.NULL);
        assertThat(event.version.values()).containsExactly(null, "7", null);
        assertThat(event.version.rowHash)
                .as("no row hash with an UNKNOWN column")
                .isNull();
    }

    @Test
    void privacyModeDropsTheValuesBeforeTheyTravel() {
        ChangeEvent event = new ToChangeEvent(TestChanges.MIGRATION, Side.SOURCE, true)
                .map(TestChanges.source().insert(7, 100, "id", "7", "ssn", "123"));

        assertThat(event.version.values()).isNull();
        assertThat(event.version.hashes()).doesNotContain(0L);
    }

    @Test
    void eventsSurviveTheSerializerRoundTrip() throws IOException {
        for (ChangeEvent event : new ChangeEvent[] {
            sourceEvents.map(TestChanges.source().insert(1, 10, "id", "1", "v", "ä")),
            sourceEvents.map(TestChanges.source().delete(1, 11)),
            sourceEvents.map(TestChanges.source().truncate(12))
        }) {
            DataOutputSerializer out = new DataOutputSerializer(64);
            new ChangeEventSerializer().serialize(event, out);
            DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
            assertThat(new ChangeEventSerializer().deserialize(in)).isEqualTo(event);
            assertThat(in.available()).isZero();
        }
    }
}
