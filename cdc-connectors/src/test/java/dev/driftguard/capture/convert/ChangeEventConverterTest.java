package dev.driftguard.capture.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.avro.ColumnValue;
import dev.driftguard.avro.Op;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.avro.ValueState;
import dev.driftguard.capture.CaptureNames;
import dev.driftguard.capture.connect.CanonicalRowChange;
import dev.driftguard.capture.debezium.DebeziumSettings;
import dev.driftguard.row.RowChangeCodec;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Debezium envelopes built the way the PostgreSQL connector builds them, through the one conversion. */
class ChangeEventConverterTest {

    private static final String PLACEHOLDER = DebeziumSettings.UNAVAILABLE_VALUE_PLACEHOLDER;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static Schema column(SchemaBuilder builder, String pgType) {
        return builder.optional()
                .parameter("__debezium.source.column.type", pgType)
                .build();
    }

    private static final Schema VARIABLE_SCALE = SchemaBuilder.struct()
            .name("io.debezium.data.VariableScaleDecimal")
            .field("scale", Schema.INT32_SCHEMA)
            .field("value", Schema.BYTES_SCHEMA)
            .optional()
            .parameter("__debezium.source.column.type", "NUMERIC")
            .build();

    private static final Schema ROW = SchemaBuilder.struct()
            .name("dg.public.t.Value")
            .optional()
            .field(
                    "id",
                    SchemaBuilder.int32()
                            .parameter("__debezium.source.column.type", "INT4")
                            .build())
            .field("n", column(Decimal.builder(2), "NUMERIC"))
            .field("nv", VARIABLE_SCALE)
            .field("d", column(SchemaBuilder.int32().name("io.debezium.time.Date"), "DATE"))
            .field("ts", column(SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp"), "TIMESTAMP"))
            .field("ts3", column(SchemaBuilder.int64().name("io.debezium.time.Timestamp"), "TIMESTAMP"))
            .field("tz", column(SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp"), "TIMESTAMPTZ"))
            .field("tm", column(SchemaBuilder.int64().name("io.debezium.time.MicroTime"), "TIME"))
            .field("body", column(SchemaBuilder.string(), "TEXT"))
            .field("bin", column(SchemaBuilder.bytes(), "BYTEA"))
            .field("tags", column(SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA), "_TEXT"))
            .field("nums", column(SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA), "_INT4"))
            .field("mood", column(SchemaBuilder.string().name("io.debezium.data.Enum"), "MOOD"))
            .field("dom", column(SchemaBuilder.int32(), "POSINT"))
            .build();

    private static final Schema KEY = SchemaBuilder.struct()
            .name("dg.public.t.Key")
            .field(
                    "id",
                    SchemaBuilder.int32()
                            .parameter("__debezium.source.column.type", "INT4")
                            .build())
            .build();

    private static final Schema SOURCE = SchemaBuilder.struct()
            .name("io.debezium.connector.postgresql.Source")
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .field("txId", Schema.OPTIONAL_INT64_SCHEMA)
            .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private static final Schema ENVELOPE = SchemaBuilder.struct()
            .name("dg.public.t.Envelope")
            .field("before", ROW)
            .field("after", ROW)
            .field("source", SOURCE)
            .field("op", Schema.STRING_SCHEMA)
            .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private static ChangeEventConverter converter(boolean hashOnly) {
        return new ChangeEventConverter(
                new CaptureNames("m1", Side.TARGET), hashOnly, PLACEHOLDER, Map.of("posint", "int4"), CLOCK);
    }

    private static Struct source() {
        return new Struct(SOURCE)
                .put("schema", "public")
                .put("table", "t")
                .put("ts_ms", 1_700_000_000_123L)
                .put("ts_us", 1_700_000_000_123_456L)
                .put("txId", 777L)
                .put("lsn", 123_456L);
    }

    private static Struct fullRow(int id) {
        return new Struct(ROW)
                .put("id", id)
                .put("n", new BigDecimal("1.50"))
                .put(
                        "nv",
                        new Struct(VARIABLE_SCALE)
                                .put("scale", 3)
                                .put(
                                        "value",
                                        new BigDecimal("-12.345")
                                                .unscaledValue()
                                                .toByteArray()))
                .put("d", 19_782)
                .put("ts", 1_704_164_645_123_456L)
                .put("ts3", 1_704_164_645_123L)
                .put("tz", "2024-01-02T03:04:05.5Z")
                .put("tm", 86_400_000_000L)
                .put("body", "hello")
                .put("bin", ByteBuffer.wrap(new byte[] {(byte) 0xde, (byte) 0xad}))
                .put("tags", Arrays.asList("a", null))
                .put("nums", List.of(1, 2))
                .put("mood", "happy")
                .put("dom", 7);
    }

    private static SourceRecord record(String op, Struct before, Struct after, Integer keyId) {
        Struct envelope = new Struct(ENVELOPE)
                .put("before", before)
                .put("after", after)
                .put("source", source())
                .put("op", op)
                .put("ts_us", 1_700_000_001_000_000L);
        Struct key = keyId == null ? null : new Struct(KEY).put("id", keyId);
        return new SourceRecord(
                Map.of(), Map.of(), "dg.public.t", null, keyId == null ? null : KEY, key, ENVELOPE, envelope);
    }

    private static Map<String, String> values(RowChange change) {
        Map<String, String> out = new TreeMap<>();
        for (ColumnValue c : change.getColumns()) {
            out.put(
                    c.getName(),
                    c.getState() == ValueState.PRESENT
                            ? c.getValue()
                            : c.getState().name());
        }
        return out;
    }

    @Test
    void insertCarriesCanonicalValuesPositionAndKey() {
        CapturedChange captured = converter(false).convert(record("c", null, fullRow(5), 5));
        RowChange change = captured.change();
        assertThat(change.getOp()).isEqualTo(Op.INSERT);
        assertThat(change.getSide()).isEqualTo(Side.TARGET);
        assertThat(change.getMigration()).isEqualTo("m1");
        assertThat(change.getKey()).singleElement().satisfies(k -> {
            assertThat(k.getColumn()).isEqualTo("id");
            assertThat(k.getValue()).isEqualTo("5");
        });
        assertThat(RowChangeCodec.decodeKey(captured.kafkaKey()).encodedKey()).isEqualTo("[\"5\"]");
        assertThat(values(change))
                .containsEntry("n", "1.5")
                .containsEntry("nv", "-12.345")
                .containsEntry("d", "2024-02-29")
                .containsEntry("ts", "2024-01-02 03:04:05.123456")
                .containsEntry("ts3", "2024-01-02 03:04:05.123")
                .containsEntry("tz", "2024-01-02 03:04:05.5")
                .containsEntry("tm", "24:00:00")
                .containsEntry("body", "hello")
                .containsEntry("bin", "dead")
                .containsEntry("tags", "[\"a\", null]")
                .containsEntry("nums", "[\"1\", \"2\"]")
                .containsEntry("mood", "happy")
                .containsEntry("dom", "7");
        assertThat(change.getRowHash()).isNotNull();
        assertThat(change.getPosition().getLsn()).isEqualTo(123_456L);
        assertThat(change.getPosition().getTxId()).isEqualTo(777L);
        assertThat(change.getPosition().getCommitTimeMicros()).isEqualTo(Instant.parse("2023-11-14T22:13:20.123456Z"));
        assertThat(change.getCaptureTimeMicros()).isEqualTo(Instant.parse("2023-11-14T22:13:21Z"));
    }

    @Test
    void placeholdersInEveryRepresentationAreUnknown() {
        byte[] placeholderBytes = PLACEHOLDER.getBytes(StandardCharsets.UTF_8);
        List<Integer> asInts = new java.util.ArrayList<>();
        for (byte b : placeholderBytes) {
            asInts.add((int) b);
        }
        Struct row = fullRow(1)
                .put("body", PLACEHOLDER)
                .put("bin", ByteBuffer.wrap(placeholderBytes))
                .put("tags", List.of(PLACEHOLDER))
                .put("nums", asInts);
        RowChange change = converter(false).convert(record("u", null, row, 1)).change();
        assertThat(values(change))
                .containsEntry("body", "UNKNOWN")
                .containsEntry("bin", "UNKNOWN")
                .containsEntry("tags", "UNKNOWN")
                .containsEntry("nums", "UNKNOWN")
                .containsEntry("n", "1.5");
        assertThat(change.getRowHash()).isNull();
    }

    @Test
    void multiDimensionalArrayRemnantsAreUnknown() {
        RowChange change = converter(false)
                .convert(record("u", null, fullRow(1).put("nums", Arrays.asList(null, null)), 1))
                .change();
        assertThat(values(change)).containsEntry("nums", "UNKNOWN");
    }

    @Test
    void deleteSnapshotAndTruncate() {
        Struct keyOnly = new Struct(ROW).put("id", 9);
        RowChange delete =
                converter(false).convert(record("d", keyOnly, null, 9)).change();
        assertThat(delete.getOp()).isEqualTo(Op.DELETE);
        assertThat(delete.getColumns()).isNull();
        assertThat(delete.getRowHash()).isNull();
        assertThat(delete.getKey().get(0).getValue()).isEqualTo("9");

        assertThat(converter(false).convert(record("r", null, fullRow(2), 2)).op())
                .isEqualTo(Op.SNAPSHOT);

        CapturedChange truncate = converter(false).convert(record("t", null, null, null));
        assertThat(truncate.op()).isEqualTo(Op.TRUNCATE);
        assertThat(truncate.change().getKey()).isEmpty();
        assertThat(RowChangeCodec.decodeKey(truncate.kafkaKey()).encodedKey()).isEqualTo("[]");
    }

    @Test
    void nonRowRecordsAreDropped() {
        Schema heartbeat = SchemaBuilder.struct()
                .name("io.debezium.connector.common.Heartbeat")
                .field("ts_ms", Schema.INT64_SCHEMA)
                .build();
        SourceRecord beat = new SourceRecord(
                Map.of(), Map.of(), "__debezium-heartbeat.dg", heartbeat, new Struct(heartbeat).put("ts_ms", 1L));
        assertThat(converter(false).convert(beat)).isNull();
        assertThat(converter(false).convert(record("m", null, null, null))).isNull();
        assertThat(converter(false).convert(new SourceRecord(Map.of(), Map.of(), "x", null, null)))
                .isNull();
    }

    @Test
    void hashOnlyCarriesTheSameHashesWithoutValues() {
        RowChange plain =
                converter(false).convert(record("c", null, fullRow(3), 3)).change();
        RowChange hashed =
                converter(true).convert(record("c", null, fullRow(3), 3)).change();
        assertThat(hashed.getColumns()).extracting(ColumnValue::getValue).containsOnlyNulls();
        assertThat(hashed.getColumns())
                .extracting(ColumnValue::getHash)
                .isEqualTo(plain.getColumns().stream().map(ColumnValue::getHash).toList());
        assertThat(hashed.getRowHash()).isEqualTo(plain.getRowHash());
    }

    @Test
    void aMissingTypeParameterNamesTheSetting() {
        Schema bare = SchemaBuilder.struct()
                .name("dg.public.u.Value")
                .optional()
                .field("id", Schema.INT32_SCHEMA)
                .build();
        Schema envelope = SchemaBuilder.struct()
                .name("dg.public.u.Envelope")
                .field("after", bare)
                .field("source", SOURCE)
                .field("op", Schema.STRING_SCHEMA)
                .build();
        Struct value = new Struct(envelope)
                .put("after", new Struct(bare).put("id", 1))
                .put("source", source())
                .put("op", "c");
        SourceRecord record =
                new SourceRecord(Map.of(), Map.of(), "t", KEY, new Struct(KEY).put("id", 1), envelope, value);
        assertThatThrownBy(() -> converter(false).convert(record))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("column.propagate.source.type=.*")
                .hasMessageContaining("\"id\"");
    }

    @Test
    void theConnectTransformRoutesAndEncodes() {
        Map<String, Object> config = new HashMap<>();
        config.put(CanonicalRowChange.MIGRATION, "m1");
        config.put(CanonicalRowChange.SIDE, "target");
        config.put(CanonicalRowChange.DOMAIN_TYPES, "posint:int4");
        try (CanonicalRowChange<SourceRecord> transform = new CanonicalRowChange<>()) {
            transform.configure(config);
            SourceRecord out = transform.apply(record("c", null, fullRow(5), 5));
            assertThat(out.topic()).isEqualTo("driftguard.m1.target");
            assertThat(out.keySchema()).isEqualTo(Schema.BYTES_SCHEMA);
            assertThat(out.valueSchema()).isEqualTo(Schema.BYTES_SCHEMA);
            assertThat(RowChangeCodec.decodeValue((byte[]) out.value()))
                    .isEqualTo(converter(false)
                            .convert(record("c", null, fullRow(5), 5))
                            .change());
            assertThat(out.headers().lastWithName(CanonicalRowChange.OP_HEADER).value())
                    .isEqualTo("INSERT");
            assertThat(CanonicalRowChange.isTruncate(transform.apply(record("t", null, null, null))))
                    .isTrue();
        }
        config.put(CanonicalRowChange.SIDE, "left");
        try (CanonicalRowChange<SourceRecord> transform = new CanonicalRowChange<>()) {
            assertThatThrownBy(() -> transform.configure(config)).hasMessageContaining("invalid side 'left'");
        }
    }
}
