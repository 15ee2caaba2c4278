package dev.driftguard.validator.detect;

import static org.assertj.core.api.Assertions.assertThat;

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
                new String[] {"a", "b", "c"},
                new ValueState[] {ValueState.PRESENT, ValueState.NULL, ValueState.UNKNOWN},
                new long[] {123, 0, 0},
                new String[] {"ä long text \u0000 with NUL", null, null});
        state.target = new SideVersion(
                Op.DELETE, false, 9, -1, 5, 6, null, new String[0], new ValueState[0], new long[0], null);
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
                new ValueState[] {ValueState.PRESENT},
                new long[] {99},
                null);

        KeyState copy = roundTrip(state);
        assertThat(copy).isEqualTo(state);
        assertThat(copy.source).isNull();
        assertThat(copy.drift).isNull();
        assertThat(copy.diverged()).isFalse();
    }

    @Test
    void aSettledKeyKeepsTheColumnsOfBothSidesOnce() throws IOException {
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
                new ValueState[] {ValueState.PRESENT, ValueState.PRESENT},
                new long[] {1, 2},
                new String[] {"1", "x"});
        state.target = new SideVersion(
                        Op.UPDATE, true, 20, 2, 100, 130, RowHash.of("z"), new String[0], null, null, null)
                .withContentOf(state.source);
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
                state.source.states.clone(),
                state.source.hashes.clone(),
                state.source.values.clone());
        KeyStateSerializer.INSTANCE.serialize(unshared, separate);

        KeyState read = roundTrip(state);

        assertThat(read).isEqualTo(state).isEqualTo(unshared);
        assertThat(read.target.sharesContentWith(read.source)).isTrue();
        DataOutputSerializer shared = new DataOutputSerializer(64);
        KeyStateSerializer.INSTANCE.serialize(state, shared);
        assertThat(shared.length()).isLessThan(separate.length());
    }

    @Test
    void copiesAreIndependentOfTheOriginal() {
        KeyState state = new KeyState(new String[] {"id"});
        KeyState copy = KeyStateSerializer.INSTANCE.copy(state);
        copy.lastEventMillis = 5;
        assertThat(state.lastEventMillis).isZero();
    }

    private static KeyState roundTrip(KeyState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        KeyStateSerializer.INSTANCE.serialize(state, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        KeyState read = KeyStateSerializer.INSTANCE.deserialize(in);
        assertThat(in.available()).as("every byte consumed").isZero();
        return read;
    }
}
