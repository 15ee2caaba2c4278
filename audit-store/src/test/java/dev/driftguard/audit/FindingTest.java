package dev.driftguard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.avro.DriftKind;
import dev.driftguard.row.RowKey;
import dev.driftguard.row.TableId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private static Finding.Builder valid() {
        return Finding.builder()
                .findingId("f")
                .migrationId("m")
                .fromStream()
                .table(new TableId("public", "t"))
                .key(RowKey.of(List.of("id"), List.of("1")))
                .kind(DriftKind.MISSING_ON_TARGET)
                .firstSeen(T0)
                .detectedAt(T0);
    }

    @Test
    void aValidFindingIsOpenAndImmutable() {
        Map<String, String> values = new HashMap<>();
        values.put("a", null);
        Finding f = valid().sourceValues(values).build();
        values.put("b", "later");
        assertThat(f.isOpen()).isTrue();
        assertThat(f.sourceValues()).containsOnlyKeys("a");
        assertThat(f.columns()).isEmpty();
        assertThat(f.targetValues()).isNull();
    }

    @Test
    void inconsistentFindingsAreRejectedNamingTheFinding() {
        assertThatThrownBy(() -> valid().kind(DriftKind.RESOLVED).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RESOLVED")
                .hasMessageContaining("resolveFinding");
        assertThatThrownBy(() -> valid().fromBatch(null).build()).hasMessageContaining("runId");
        assertThatThrownBy(() -> new Finding(
                        "f",
                        "m",
                        Finding.Origin.STREAM,
                        "run-1",
                        new TableId("public", "t"),
                        RowKey.of(List.of("id"), List.of("1")),
                        DriftKind.MISSING_ON_TARGET,
                        List.of(),
                        null,
                        null,
                        null,
                        null,
                        T0,
                        T0,
                        null,
                        null))
                .hasMessageContaining("run-1");
        assertThatThrownBy(() -> valid().resolved(T0, null).build()).hasMessageContaining("together");
        assertThatThrownBy(() -> valid().detectedAt(T0.minusSeconds(1)).build())
                .hasMessageContaining("before firstSeen");
        assertThatThrownBy(() -> valid().findingId("").build()).hasMessageContaining("findingId");
    }

    @Test
    void originsAreStoredInLowerCase() {
        assertThat(Finding.Origin.BATCH.dbValue()).isEqualTo("batch");
        assertThat(Finding.Origin.fromDb("stream")).isEqualTo(Finding.Origin.STREAM);
    }
}
