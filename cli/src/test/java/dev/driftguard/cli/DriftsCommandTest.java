package dev.driftguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftguard.audit.Finding;
import dev.driftguard.avro.DriftKind;
import dev.driftguard.row.RowKey;
import dev.driftguard.row.TableId;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftsCommandTest {

    @Test
    void jsonUsesTheBatchCompareReportsKindKeyAndColumns() throws Exception {
        Finding open = Finding.builder()
                .findingId("f1")
                .migrationId("m1")
                .fromStream()
                .table(new TableId("public", "orders"))
                .key(RowKey.of(List.of("tenant", "id"), List.of("a", "7")))
                .kind(DriftKind.VALUE_MISMATCH)
                .columns(List.of("status"))
                .sourceValues(Map.of("status", "paid"))
                .targetValues(Collections.singletonMap("status", null))
                .firstSeen(Instant.parse("2026-01-01T00:00:00Z"))
                .detectedAt(Instant.parse("2026-01-01T00:00:10Z"))
                .build();
        Finding resolved = Finding.builder()
                .findingId("f2")
                .migrationId("m1")
                .fromBatch("run-1")
                .table(new TableId("crm", "customers"))
                .key(RowKey.of(List.of("id"), List.of("9")))
                .kind(DriftKind.MISSING_ON_TARGET)
                .firstSeen(Instant.parse("2026-01-01T00:00:00Z"))
                .detectedAt(Instant.parse("2026-01-01T00:00:01Z"))
                .resolved(Instant.parse("2026-01-01T00:05:00Z"), "RESOLVED")
                .build();

        JsonNode json = new ObjectMapper().readTree(DriftsCommand.toJson("m1", List.of(open, resolved)));

        assertThat(json.get("migration").asText()).isEqualTo("m1");
        JsonNode first = json.get("findings").get(0);
        assertThat(first.get("kind").asText()).isEqualTo("VALUE_MISMATCH");
        assertThat(first.get("table").asText()).isEqualTo("public.orders");
        assertThat(first.get("key").fieldNames()).toIterable().containsExactly("tenant", "id");
        assertThat(first.get("key").get("id").asText()).isEqualTo("7");
        assertThat(first.get("columns").get(0).asText()).isEqualTo("status");
        assertThat(first.get("source").get("status").asText()).isEqualTo("paid");
        assertThat(first.get("target").get("status").isNull()).isTrue();
        assertThat(first.get("resolvedAt").isNull()).isTrue();
        assertThat(first.get("origin").asText()).isEqualTo("stream");
        JsonNode second = json.get("findings").get(1);
        assertThat(second.get("origin").asText()).isEqualTo("batch");
        assertThat(second.get("runId").asText()).isEqualTo("run-1");
        assertThat(second.get("source").isNull()).isTrue();
        assertThat(second.get("resolvedAt").asText()).isEqualTo("2026-01-01T00:05:00Z");
        assertThat(second.get("resolution").asText()).isEqualTo("RESOLVED");
    }
}
