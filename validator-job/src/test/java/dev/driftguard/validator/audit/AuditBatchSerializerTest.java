package dev.driftguard.validator.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.KeyPart;
import dev.driftguard.validator.TestChanges;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditBatchSerializerTest {

    private final AuditBatchSerializer<DriftEvent> serializer = new AuditBatchSerializer<>(DriftEvent.class);

    @Test
    void aBatchSurvivesTheRoundTripInOrder() throws IOException {
        AuditBatch<DriftEvent> batch = new AuditBatch<>(List.of(drift("d1", DriftKind.VALUE_MISMATCH), resolved("d1")));

        AuditBatch<DriftEvent> read = serializer.deserialize(serializer.getVersion(), serializer.serialize(batch));

        assertThat(read).isEqualTo(batch);
    }

    @Test
    void anEmptyBatchSurvivesTheRoundTrip() throws IOException {
        AuditBatch<DriftEvent> empty = new AuditBatch<>(List.of());
        assertThat(serializer.deserialize(1, serializer.serialize(empty)).records())
                .isEmpty();
    }

    @Test
    void anUnknownVersionIsRefusedWithTheFix() {
        assertThatThrownBy(() -> serializer.deserialize(7, new byte[] {0}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 7");
    }

    static DriftEvent drift(String id, DriftKind kind) {
        return DriftEvent.newBuilder()
                .setDriftId(id)
                .setMigration(TestChanges.MIGRATION)
                .setSchema$("public")
                .setTable("orders")
                .setKey(List.of(new KeyPart("id", "7")))
                .setKind(kind)
                .setColumns(List.of("status"))
                .setSourceValues(Map.of("status", "new"))
                .setTargetValues(java.util.Collections.singletonMap("status", null))
                .setSourcePosition(TestChanges.position(100))
                .setTargetPosition(TestChanges.position(500))
                .setFirstSeenMicros(Instant.parse("2026-01-01T00:00:00Z"))
                .setDetectedAtMicros(Instant.parse("2026-01-01T00:00:10Z"))
                .setResolvedAtMicros(null)
                .build();
    }

    static DriftEvent resolved(String id) {
        DriftEvent event = drift(id, DriftKind.RESOLVED);
        event.setColumns(List.of());
        event.setSourceValues(null);
        event.setTargetValues(null);
        event.setResolvedAtMicros(Instant.parse("2026-01-01T00:01:00Z"));
        return event;
    }
}
