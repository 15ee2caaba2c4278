package dev.driftguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.avro.Position;
import dev.driftguard.row.RowKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingJsonTest {

    @Test
    void keysKeepTheirColumnOrder() {
        RowKey key = RowKey.of(List.of("z", "a", "m"), List.of("3", "1", "it's \"quoted\""));
        String json = FindingJson.key(key);
        assertThat(json).startsWith("[{\"column\":\"z\"");
        assertThat(FindingJson.key(json)).isEqualTo(key);
    }

    @Test
    void valuesKeepSqlNullsApartFromEmptyText() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("empty", "");
        values.put("null", null);
        assertThat(FindingJson.values(FindingJson.values(values))).isEqualTo(values);
        assertThat(FindingJson.values((Map<String, String>) null)).isNull();
        assertThat(FindingJson.values((String) null)).isNull();
    }

    @Test
    void positionsUseTheLsnTextForm() {
        Position p = Position.newBuilder()
                .setLsn(0x16B374D848L)
                .setTxId(null)
                .setCommitTimeMicros(Instant.parse("2025-03-01T10:00:00.000001Z"))
                .build();
        String json = FindingJson.position(p);
        assertThat(json).contains("\"lsn\":\"16/B374D848\"").contains("\"txId\":null");
        assertThat(FindingJson.position(json)).isEqualTo(p);
    }
}
