package dev.driftguard.validator.detect;

import dev.driftguard.avro.DriftKind;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Binary form of {@link KeyState} in Flink state. The layout is versioned through {@link Snapshot}: change it only
 * together with a new snapshot version that can still read the old one, or savepoints stop restoring.
 */
final class KeyStateSerializer extends TypeSerializerSingleton<KeyState> {

    private static final long serialVersionUID = 1L;
    private static final DriftKind[] DRIFT_KINDS = DriftKind.values();

    static final KeyStateSerializer INSTANCE = new KeyStateSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public KeyState createInstance() {
        return new KeyState(new String[0]);
    }

    @Override
    public KeyState copy(KeyState from) {
        return from.copy();
    }

    @Override
    public KeyState copy(KeyState from, KeyState reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(KeyState state, DataOutputView out) throws IOException {
        SideVersionFormat.writeStrings(state.keyColumns, out);
        SideVersionFormat.write(state.source, out);
        SideVersionFormat.write(state.target, state.source, out);
        out.writeLong(state.divergedAtMillis);
        out.writeLong(state.pendingSinceMillis);
        out.writeLong(state.divergenceSourceLsn);
        out.writeLong(state.divergenceTargetLsn);
        OpenDrift drift = state.drift;
        out.writeBoolean(drift != null);
        if (drift != null) {
            SideVersionFormat.writeString(drift.id(), out);
            out.writeByte(drift.kind().ordinal());
            SideVersionFormat.writeStrings(drift.columns().toArray(new String[0]), out);
            out.writeLong(drift.firstSeenMillis());
            out.writeLong(drift.detectedAtMillis());
        }
        out.writeLong(state.toleranceTimerMillis);
        out.writeLong(state.cleanupTimerMillis);
        out.writeLong(state.lastEventMillis);
    }

    @Override
    public KeyState deserialize(DataInputView in) throws IOException {
        KeyState state = new KeyState(SideVersionFormat.readStrings(in));
        state.source = SideVersionFormat.read(in);
        state.target = SideVersionFormat.read(state.source, in);
        state.divergedAtMillis = in.readLong();
        state.pendingSinceMillis = in.readLong();
        state.divergenceSourceLsn = in.readLong();
        state.divergenceTargetLsn = in.readLong();
        if (in.readBoolean()) {
            String id = SideVersionFormat.readString(in);
            DriftKind kind = DRIFT_KINDS[in.readByte()];
            List<String> columns = List.of(SideVersionFormat.readStrings(in));
            state.drift = new OpenDrift(id, kind, columns, in.readLong(), in.readLong());
        }
        state.toleranceTimerMillis = in.readLong();
        state.cleanupTimerMillis = in.readLong();
        state.lastEventMillis = in.readLong();
        return state;
    }

    @Override
    public KeyState deserialize(KeyState reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<KeyState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Savepoint compatibility of the layout above (version 1). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<KeyState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
