package dev.driftguard.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowHashAndKeyTest {

    @Test
    void rowHashRoundTripsThroughHexAndBytes() {
        RowHash hash = RowHash.of("1:7");
        assertThat(hash.toString()).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(RowHash.parse(hash.toString())).isEqualTo(hash);
        assertThat(RowHash.fromBytes(hash.toBytes())).isEqualTo(hash);
        assertThat(new RowHash(0x0102030405060708L, -1L).toString()).isEqualTo("0102030405060708ffffffffffffffff");
        assertThat(RowHash.hash64("1:7")).isEqualTo(hash.high());
    }

    @Test
    void rowHashRejectsMalformedInput() {
        assertThatThrownBy(() -> RowHash.parse("abc")).hasMessageContaining("'abc'");
        assertThatThrownBy(() -> RowHash.parse("zz" + "0".repeat(30))).hasMessageContaining("32 hex digits");
        assertThatThrownBy(() -> RowHash.fromBytes(new byte[15])).hasMessageContaining("15");
    }

    @Test
    void rowKeyEncodesAsJsonArrayAndDecodesBack() {
        RowKey key = new RowKey(List.of("tenant", "id"), List.of("a\"b,c", "42"));
        assertThat(key.encoded()).isEqualTo("[\"a\\\"b,c\",\"42\"]");
        assertThat(RowKey.decode(key.columns(), key.encoded())).isEqualTo(key);
        RowKey unicode = new RowKey(List.of("k"), List.of("żółw 😀 \u0000 \\"));
        assertThat(RowKey.decode(unicode.columns(), unicode.encoded())).isEqualTo(unicode);
    }

    @Test
    void rowKeyEncodingIsCollisionSafe() {
        RowKey left = new RowKey(List.of("a", "b"), List.of("12", "3"));
        RowKey right = new RowKey(List.of("a", "b"), List.of("1", "23"));
        RowKey comma = new RowKey(List.of("a"), List.of("1\",\"23"));
        assertThat(left.encoded()).isNotEqualTo(right.encoded()).isNotEqualTo(comma.encoded());
        assertThat(right.encoded()).isNotEqualTo(comma.encoded());
    }

    @Test
    void rowKeyValidatesShapeAndInput() {
        assertThatThrownBy(() -> new RowKey(List.of("a", "b"), List.of("1")))
                .hasMessageContaining("2 columns")
                .hasMessageContaining("1 values");
        assertThatThrownBy(() -> RowKey.decode(List.of("a"), "[1]")).hasMessageContaining("'[1]'");
        assertThatThrownBy(() -> RowKey.decode(List.of("a"), "[\"1\"] x"))
                .hasMessageContaining("not an encoded row key");
        assertThatThrownBy(() -> RowKey.decode(List.of("a", "b"), "[\"1\"]")).hasMessageContaining("[a, b]");
        assertThat(RowKey.EMPTY.encoded()).isEqualTo("[]");
        assertThat(RowKey.decode(List.of(), "[]")).isEqualTo(RowKey.EMPTY);
    }

    @Test
    void rowKeyReadsAsAMapAndAsColumnValueTextInKeyOrder() {
        RowKey key = RowKey.of(List.of("region", "id"), List.of("eu", "42"));
        assertThat(key.asMap()).containsExactly(Map.entry("region", "eu"), Map.entry("id", "42"));
        assertThat(key.format(" AND ")).isEqualTo("region=eu AND id=42");
        assertThat(key).hasToString("(region=eu, id=42)");
        assertThat(RowKey.EMPTY.format(", ")).isEmpty();
    }
}
