package dev.driftguard.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.KeyPart;
import dev.driftguard.avro.Op;
import dev.driftguard.avro.Position;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.avro.ValueState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class RowChangeFactoryTest {

    private static final TableId TABLE = new TableId("public", "orders");
    private static final RowKey KEY = new RowKey(List.of("id"), List.of("42"));
    private static final Instant COMMIT = Instant.parse("2024-01-02T03:04:05.123456Z");
    private static final Position POSITION = new Position(0x16B3748L, 731L, COMMIT);

    private static final CanonicalRow ROW = CanonicalRow.builder()
            .present("id", "42")
            .present("note", "żółw")
            .nullValue("deleted_at")
            .build();

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> T binaryRoundTrip(T record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<T>(record.getSchema()).write(record, encoder);
        encoder.flush();
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(out.toByteArray(), null);
        return (T) new SpecificDatumReader<>(record.getSchema()).read(null, decoder);
    }

    @Test
    void rowChangeRoundTripsThroughAvroBinaryAndBackToTheCanonicalRow() throws IOException {
        RowChange change = new RowChangeFactory("m1", Side.SOURCE, false)
                .create(TABLE, KEY, Op.UPDATE, ROW, POSITION, COMMIT.plusMillis(5));
        RowChange decoded = binaryRoundTrip(change);
        assertThat(decoded).isEqualTo(change);
        assertThat(RowChangeFactory.canonicalRow(decoded)).isEqualTo(ROW);
        assertThat(RowChangeFactory.rowHash(decoded)).isEqualTo(ROW.hash());
        assertThat(RowChangeFactory.rowKey(decoded.getKey())).isEqualTo(KEY);
        assertThat(RowChangeFactory.tableId(decoded)).isEqualTo(TABLE);
        assertThat(decoded.getPosition().getCommitTimeMicros()).isEqualTo(COMMIT);
        assertThat(decoded.getColumns())
                .extracting(column -> column.getName())
                .containsExactly("deleted_at", "id", "note");
        assertThat(decoded.getColumns().get(2).getHash()).isEqualTo(RowHash.hash64("żółw"));
        assertThat(decoded.getColumns().get(0).getState()).isEqualTo(ValueState.NULL);
        assertThat(decoded.getColumns().get(0).getHash()).isZero();
    }

    @Test
    void unknownColumnsArePreservedAndLeaveTheRowHashEmpty() throws IOException {
        CanonicalRow partial =
                CanonicalRow.builder().present("id", "42").unknown("doc").build();
        RowChange change =
                new RowChangeFactory("m1", Side.TARGET, false).create(TABLE, KEY, Op.UPDATE, partial, POSITION, COMMIT);
        RowChange decoded = binaryRoundTrip(change);
        assertThat(decoded.getRowHash()).isNull();
        assertThat(decoded.getColumns().get(0).getState()).isEqualTo(ValueState.UNKNOWN);
        assertThat(RowChangeFactory.canonicalRow(decoded)).isEqualTo(partial);
    }

    @Test
    void deletesCarryNeitherHashNorColumns() {
        RowChangeFactory factory = new RowChangeFactory("m1", Side.SOURCE, false);
        RowChange delete = factory.create(TABLE, KEY, Op.DELETE, null, POSITION, COMMIT);
        assertThat(delete.getRowHash()).isNull();
        assertThat(delete.getColumns()).isNull();
        assertThat(RowChangeFactory.canonicalRow(delete)).isNull();
        assertThatThrownBy(() -> factory.create(TABLE, KEY, Op.DELETE, ROW, POSITION, COMMIT))
                .hasMessageContaining("must not carry a row");
        assertThatThrownBy(() -> factory.create(TABLE, KEY, Op.INSERT, null, POSITION, COMMIT))
                .hasMessageContaining("needs a row");
    }

    @Test
    void privacyModeCarriesHashesButNoValues() {
        RowChange change =
                new RowChangeFactory("m1", Side.SOURCE, true).create(TABLE, KEY, Op.INSERT, ROW, POSITION, COMMIT);
        assertThat(change.getColumns())
                .allSatisfy(column -> assertThat(column.getValue()).isNull());
        assertThat(RowChangeFactory.rowHash(change)).isEqualTo(ROW.hash());
        assertThatThrownBy(() -> RowChangeFactory.canonicalRow(change)).hasMessageContaining("privacy mode");
    }

    @Test
    void differingColumnsWorkOnHashesAlsoInPrivacyMode() {
        CanonicalRow target = CanonicalRow.builder()
                .present("id", "42")
                .present("note", "zolw")
                .present("deleted_at", "")
                .build();
        CanonicalRow targetUnknownNote = CanonicalRow.builder()
                .present("id", "42")
                .unknown("note")
                .nullValue("deleted_at")
                .build();
        RowChange source =
                new RowChangeFactory("m1", Side.SOURCE, true).create(TABLE, KEY, Op.INSERT, ROW, POSITION, COMMIT);
        RowChangeFactory targets = new RowChangeFactory("m1", Side.TARGET, true);
        assertThat(RowChangeFactory.differingColumns(
                        source, targets.create(TABLE, KEY, Op.INSERT, target, POSITION, COMMIT)))
                .containsExactly("deleted_at", "note");
        assertThat(RowChangeFactory.differingColumns(
                        source, targets.create(TABLE, KEY, Op.UPDATE, targetUnknownNote, POSITION, COMMIT)))
                .isEmpty();
    }

    @Test
    void driftEventRoundTrips() throws IOException {
        Map<String, String> sourceValues = new HashMap<>();
        sourceValues.put("note", "żółw");
        sourceValues.put("deleted_at", null);
        DriftEvent event = DriftEvent.newBuilder()
                .setDriftId("m1:public.orders:[\"42\"]:1")
                .setMigration("m1")
                .setSchema$("public")
                .setTable("orders")
                .setKey(List.of(new KeyPart("id", "42")))
                .setKind(DriftKind.VALUE_MISMATCH)
                .setColumns(List.of("deleted_at", "note"))
                .setSourceValues(sourceValues)
                .setTargetValues(null)
                .setSourcePosition(POSITION)
                .setTargetPosition(null)
                .setFirstSeenMicros(COMMIT)
                .setDetectedAtMicros(COMMIT.plusSeconds(5))
                .setResolvedAtMicros(null)
                .build();
        assertThat(binaryRoundTrip(event)).isEqualTo(event);
    }

    @Test
    void validationStatusRoundTrips() throws IOException {
        ValidationStatus status = ValidationStatus.newBuilder()
                .setMigration("m1")
                .setSchema$(null)
                .setTable(null)
                .setEmittedAtMicros(COMMIT)
                .setOpenDrifts(3)
                .setEventsSource(1000)
                .setEventsTarget(998)
                .setKeysTracked(500)
                .setLagP50Millis(12L)
                .setLagP99Millis(80L)
                .setLagMaxMillis(null)
                .setLastEventSourceMicros(COMMIT)
                .setLastEventTargetMicros(null)
                .build();
        assertThat(binaryRoundTrip(status)).isEqualTo(status);
    }

    @Test
    void codecRoundTripsValuesAndKeys() {
        RowChange change =
                new RowChangeFactory("m1", Side.SOURCE, false).create(TABLE, KEY, Op.SNAPSHOT, ROW, POSITION, COMMIT);
        byte[] value = RowChangeCodec.encodeValue(change);
        assertThat(value[0]).isEqualTo((byte) 0xC3);
        assertThat(value[1]).isEqualTo((byte) 0x01);
        assertThat(RowChangeCodec.decodeValue(value)).isEqualTo(change);

        TableId weird = new TableId("My \"Schema\"", "t.x");
        RowKey key = new RowKey(List.of("a", "b"), List.of("1", "x\u0000y"));
        RowChangeCodec.KafkaKey decoded = RowChangeCodec.decodeKey(RowChangeCodec.encodeKey(weird, key));
        assertThat(decoded.table()).isEqualTo(weird);
        assertThat(RowKey.decode(key.columns(), decoded.encodedKey())).isEqualTo(key);
        assertThat(RowChangeCodec.decodeKey(RowChangeCodec.encodeKey(TABLE, RowKey.EMPTY))
                        .encodedKey())
                .isEqualTo("[]");
    }

    @Test
    void codecRejectsForeignBytesWithTheirFirstBytes() {
        assertThatThrownBy(() -> RowChangeCodec.decodeValue(new byte[] {1, 2, 3}))
                .hasMessageContaining("magic C3 01")
                .hasMessageContaining("01 02 03");
        byte[] unknownFingerprint = new byte[] {(byte) 0xC3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> RowChangeCodec.decodeValue(unknownFingerprint)).hasMessageContaining("c3 01");
        assertThatThrownBy(() ->
                        RowChangeCodec.decodeKey("no separator".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .hasMessageContaining("not a driftguard record key");
    }
}
