package dev.driftguard.validator.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.Op;
import dev.driftguard.avro.ValueState;
import dev.driftguard.row.RowHash;
import java.io.IOException;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class KeyStateSerializerTest {

    @Test
    void aFullStateSurvivesTheRoundTrip() throws IOException {
        KeyState state = new KeyState(new String[] {"tenant", "id"});
        state.source = new SideVersion(
                Op.UPDATE,
                true,
                42,
                7,
                1_700_000_000_000_000L,
                1_700_000_000_500_000L,
                RowHash.of("x"),
                new String[] {"a", "b", "c", "d"},
                ColumnContent.of(
                        new ValueState[] {ValueState.PRESENT, ValueState.NULL, ValueState.UNKNOWN, ValueState.PRESENT},
                        new long[] {123, 0, 0, 7},
                        new String[] {"ä long text \u0000 with NUL", null, null, ""},
                        null));
        state.target = new SideVersion(
                Op.DELETE,
                false,
                9,
                -1,
                5,
                6,
                null,
                new String[0],
                ColumnContent.of(new ValueState[0], new long[0], null, null));
        state.divergedAtMillis = 1_000;
        state.pendingSinceMillis = 2_000;
        state.divergenceSourceLsn = 42;
        state.divergenceTargetLsn = -1;
        state.drift = new OpenDrift("abc", DriftKind.EXTRA_ON_TARGET, List.of("b"), 1_000, 11_000);
        state.toleranceTimerMillis = 11_000;
        state.cleanupTimerMillis = 61_000;
        state.lastEventMillis = 1_000;

        assertThat(roundTrip(state)).isEqualTo(state);
    }

    @Test
    void aStateWithOnlyOneSideAndNoDriftSurvivesTheRoundTrip() throws IOException {
        KeyState state = new KeyState(new String[] {"id"});
        state.target = new SideVersion(
                Op.INSERT,
                true,
                1,
                -1,
                2,
                3,
                RowHash.of("y"),
                new String[] {"id"},
                ColumnContent.of(new ValueState[] {ValueState.PRESENT}, new long[] {99}, null, null));

        KeyState copy = roundTrip(state);
        assertThat(copy).isEqualTo(state);
        assertThat(copy.source).isNull();
        assertThat(copy.drift).isNull();
        assertThat(copy.diverged()).isFalse();
    }

    @Test
    void aSettledKeyKeepsTheColumnsOfBothSidesOnce() throws IOException {
        KeyState state = settledKey();
        DataOutputSerializer separate = new DataOutputSerializer(64);
        KeyState unshared = state.copy();
        unshared.target = new SideVersion(
                Op.UPDATE,
                true,
                20,
                2,
                100,
                130,
                RowHash.of("z"),
                state.source.columns.clone(),
                ColumnContent.of(
                        state.source.states().clone(),
                        state.source.hashes().clone(),
                        state.source.values().clone(),
                        null));
        new KeyStateSerializer().serialize(unshared, separate);

        KeyState read = roundTrip(state);

        assertThat(read).isEqualTo(state).isEqualTo(unshared);
        assertThat(read.target.sharesContentWith(read.source)).isTrue();
        DataOutputSerializer shared = new DataOutputSerializer(64);
        new KeyStateSerializer().serialize(state, shared);
        assertThat(shared.length()).isLessThan(separate.length());
    }

    @Test
    void copiesAreIndependentOfTheOriginal() {
        KeyState state = new KeyState(new String[] {"id"});
        KeyState copy = new KeyStateSerializer().copy(state);
        copy.lastEventMillis = 5;
        assertThat(state.lastEventMillis).isZero();
    }

    @Test
    void numbersOfEveryMagnitudeSurviveTheRoundTrip() throws IOException {
        KeyState state = new KeyState(new String[] {"id"});
        long[] extremes = {Long.MIN_VALUE, -1, 0, 1, 127, 128, Long.MAX_VALUE};
        for (long value : extremes) {
            state.source = new SideVersion(
                    Op.INSERT,
                    true,
                    value,
                    Math.max(value, -1),
                    value,
                    value == 0 ? Long.MAX_VALUE : -value,
                    null,
                    new String[0],
                    ColumnContent.of(new ValueState[0], new long[0], null, null));
            state.lastEventMillis = value;
            state.cleanupTimerMillis = -value;
            state.divergedAtMillis = value;
            assertThat(roundTrip(state)).as("value %d", value).isEqualTo(state);
        }
    }

    @Test
    void statesWrittenInTheFirstLayoutStillRestore() throws IOException {
        KeyState state = settledKey();
        state.drift = new OpenDrift("d1", DriftKind.VALUE_MISMATCH, List.of("v"), 5, 6);
        state.cleanupTimerMillis = 61_000;
        state.lastEventMillis = 1_000;

        DataInputDeserializer in = new DataInputDeserializer(firstLayoutOf(state));
        KeyState read = new KeyStateSerializer().deserialize(in);

        assertThat(read).isEqualTo(state);
        assertThat(read.target.sharesContentWith(read.source)).isTrue();
        assertThat(in.available()).isZero();
    }

    @Test
    void statesWrittenInTheSecondLayoutStillRestoreWithLongValuesCut() throws IOException {
        String longText = "é".repeat(100_000);
        KeyState written = settledKey();
        written.source = written.source.withContent(
                written.source.columns,
                written.source.states(),
                new long[] {1, RowHash.hash64(longText)},
                new String[] {"1", longText},
                null);
        written.target = written.target.withContentOf(written.source);
        written.lastEventMillis = 1_000;
        written.cleanupTimerMillis = 61_000;

        DataInputDeserializer in = new DataInputDeserializer(secondLayoutOf(written));
        KeyState read = new KeyStateSerializer().deserialize(in);

        assertThat(in.available()).isZero();
        assertThat(read.source.values()).containsExactly("1", "é".repeat(ValueCap.KEPT_BYTES / 2));
        assertThat(read.source.fullLengths()).containsExactly(0, 200_000);
        assertThat(read.source.hash(1)).isEqualTo(RowHash.hash64(longText));
        assertThat(read.target.sharesContentWith(read.source)).isTrue();
        assertThat(read.source.rowHash).isEqualTo(written.source.rowHash);
        assertThat(read.cleanupTimerMillis).isEqualTo(61_000);
    }

    @Test
    void aKeyWithA128KbValueCostsNoMoreThanOneWithAValueOfTheCap() throws IOException {
        KeyState atCap = keyWithBody("y".repeat(ValueCap.KEPT_BYTES));
        KeyState huge = keyWithBody("y".repeat(128 * 1024));

        int hugeBytes = serializedSize(huge);

        assertThat(hugeBytes).isLessThanOrEqualTo(serializedSize(atCap) + 16);
        assertThat(roundTrip(huge)).isEqualTo(huge);
        assertThat(roundTrip(huge).source.fullLengths()).containsExactly(0, 128 * 1024);
    }

    @Test
    void aValueKeptInFullIsCheckpointedWithoutItsHashWhichDerivesFromIt() throws IOException {
        KeyState state = keyWithBody("some text");

        KeyState read = roundTrip(state);

        assertThat(read.source.hash(1)).isEqualTo(RowHash.hash64("some text"));
        assertThat(serializedSize(state)).isLessThan(serializedSize(keyWithBody(null)) + "some text".length() + 2);
    }

    @Test
    void theTargetsNamesRowHashAndCommitTimeReferToTheSourcesWhenTheyAgree() throws IOException {
        KeyState state = settledKey();
        state.target = new SideVersion(
                Op.UPDATE,
                true,
                20,
                2,
                105,
                130,
                state.source.rowHash,
                state.source.columns.clone(),
                ColumnContent.of(
                        state.source.states().clone(),
                        state.source.hashes().clone(),
                        new String[] {"1", "other"},
                        null));

        KeyState read = roundTrip(state);

        assertThat(read).isEqualTo(state);
        assertThat(read.target.columns).isSameAs(read.source.columns);
    }

    @Test
    void anUnknownLayoutIsRefusedWithTheWayOut() {
        DataInputDeserializer in = new DataInputDeserializer(new byte[] {9, 0, 0});
        assertThatThrownBy(() -> new KeyStateSerializer().deserialize(in))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("layout 9")
                .hasMessageContaining("driftguard version that wrote it");
    }

    @Test
    void duplicatesDoNotShareTheirBuffer() {
        KeyStateSerializer serializer = new KeyStateSerializer();
        assertThat(serializer.duplicate()).isNotSameAs(serializer).isEqualTo(serializer);
    }

    /** Both sides at the same content, kept once. */
    private static KeyState settledKey() {
        KeyState state = new KeyState(new String[] {"id"});
        state.source = new SideVersion(
                Op.UPDATE,
                true,
                10,
                1,
                100,
                110,
                RowHash.of("z"),
                new String[] {"id", "v"},
                ColumnContent.of(
                        new ValueState[] {ValueState.PRESENT, ValueState.PRESENT},
                        new long[] {1, 2},
                        new String[] {"1", "x"},
                        null));
        state.target = new SideVersion(Op.UPDATE, true, 20, 2, 100, 130, RowHash.of("z"), new String[0], null)
                .withContentOf(state.source);
        return state;
    }

    /** A live source version of columns id and body (a NULL body when null), the target absent. */
    private static KeyState keyWithBody(String body) {
        KeyState state = new KeyState(new String[] {"id"});
        state.source = ValueCap.applied(new SideVersion(
                Op.INSERT,
                true,
                10,
                1,
                100,
                110,
                null,
                new String[] {"id", "body"},
                ColumnContent.of(
                        new ValueState[] {ValueState.PRESENT, body == null ? ValueState.NULL : ValueState.PRESENT},
                        new long[] {RowHash.hash64("1"), body == null ? 0 : RowHash.hash64(body)},
                        new String[] {"1", body},
                        null)));
        return state;
    }

    private static int serializedSize(KeyState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        new KeyStateSerializer().serialize(state, out);
        return out.length();
    }

    /**
     * The second layout (leading byte 2; varints; every column's name, state and hash; row hashes in full), as earlier
     * builds wrote it, field by field: a settled key with a drift.
     */
    private static byte[] secondLayoutOf(KeyState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeByte(2);
        out.writeByte(0x01 | 0x02); // source and target, no divergence, drift or tolerance timer
        SideVersionFormat.writeStrings(state.keyColumns, out);
        SideVersion source = state.source;
        secondLayoutHeader(0, source, out);
        SideVersionFormat.writeVarLong(source.columns.length, out);
        for (int i = 0; i < source.columns.length; i++) {
            SideVersionFormat.writeString(source.columns[i], out);
            out.writeByte(source.states()[i].ordinal());
            out.writeLong(source.hashes()[i]);
        }
        out.writeBoolean(true);
        for (String value : source.values()) {
            SideVersionFormat.writeString(value, out);
        }
        secondLayoutHeader(0x40, state.target, out); // content of the other side
        SideVersionFormat.writeSignedVarLong(state.lastEventMillis, out);
        SideVersionFormat.writeSignedVarLong(state.cleanupTimerMillis - state.lastEventMillis, out);
        return out.getCopyOfBuffer();
    }

    /** Flags (op, birth seen, row hash, transaction id, {@code extraFlags}), position and row hash. */
    private static void secondLayoutHeader(int extraFlags, SideVersion version, DataOutputSerializer out)
            throws IOException {
        out.writeByte(version.op.ordinal() | 0x08 | 0x10 | 0x20 | extraFlags);
        SideVersionFormat.writeSignedVarLong(version.lsn, out);
        SideVersionFormat.writeVarLong(version.txId, out);
        SideVersionFormat.writeSignedVarLong(version.commitMicros, out);
        SideVersionFormat.writeSignedVarLong(version.captureMicros - version.commitMicros, out);
        out.writeLong(version.rowHash.high());
        out.writeLong(version.rowHash.low());
    }

    /** The first layout (fixed-width numbers, int-length strings), as earlier builds wrote it, field by field. */
    private static byte[] firstLayoutOf(KeyState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        firstLayoutStrings(state.keyColumns, out);
        SideVersion source = state.source;
        firstLayoutHeader(1, source, out);
        out.writeInt(source.columns.length);
        for (int i = 0; i < source.columns.length; i++) {
            firstLayoutString(source.columns[i], out);
            out.writeByte(source.states()[i].ordinal());
            if (source.states()[i] == ValueState.PRESENT) {
                out.writeLong(source.hashes()[i]);
            }
        }
        out.writeBoolean(true);
        for (String value : source.values()) {
            firstLayoutString(value, out);
        }
        firstLayoutHeader(2, state.target, out);
        out.writeLong(state.divergedAtMillis);
        out.writeLong(state.pendingSinceMillis);
        out.writeLong(state.divergenceSourceLsn);
        out.writeLong(state.divergenceTargetLsn);
        out.writeBoolean(true);
        firstLayoutString(state.drift.id(), out);
        out.writeByte(state.drift.kind().ordinal());
        firstLayoutStrings(state.drift.columns().toArray(new String[0]), out);
        out.writeLong(state.drift.firstSeenMillis());
        out.writeLong(state.drift.detectedAtMillis());
        out.writeLong(state.toleranceTimerMillis);
        out.writeLong(state.cleanupTimerMillis);
        out.writeLong(state.lastEventMillis);
        return out.getCopyOfBuffer();
    }

    /** Tag (1: full, 2: content of the other side), position and row hash (present here). */
    private static void firstLayoutHeader(int tag, SideVersion version, DataOutputSerializer out) throws IOException {
        out.writeByte(tag);
        out.writeByte(version.op.ordinal());
        out.writeBoolean(version.birthSeen);
        out.writeLong(version.lsn);
        out.writeLong(version.txId);
        out.writeLong(version.commitMicros);
        out.writeLong(version.captureMicros);
        out.writeBoolean(true);
        out.writeLong(version.rowHash.high());
        out.writeLong(version.rowHash.low());
    }

    private static void firstLayoutStrings(String[] strings, DataOutputSerializer out) throws IOException {
        out.writeInt(strings.length);
        for (String s : strings) {
            firstLayoutString(s, out);
        }
    }

    private static void firstLayoutString(String s, DataOutputSerializer out) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static KeyState roundTrip(KeyState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        new KeyStateSerializer().serialize(state, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        KeyState read = new KeyStateSerializer().deserialize(in);
        assertThat(in.available()).as("every byte consumed").isZero();
        return read;
    }
}
