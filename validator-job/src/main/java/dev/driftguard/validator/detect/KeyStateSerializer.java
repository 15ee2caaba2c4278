package dev.driftguard.validator.detect;

import dev.driftguard.avro.DriftKind;
import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Binary form of {@link KeyState} in Flink state, in the compact layout of {@link SideVersionFormat}. Every record
 * starts with its layout version: {@value #LAYOUT_V3} for this one; the second layout (read by {@link
 * KeyStateLayoutV2}) began with 2, the first (read by {@link KeyStateLayoutV1}) with a 0 byte; so savepoints and
 * RocksDB entries of every layout restore, and any other leading byte is refused. A new layout needs a new leading
 * byte and a reader for this one.
 *
 * <p>The third layout keeps a value's text but not its hash when the hash derives from the text, folds each column's
 * state into its value's length, writes the target side's row hash, column names and commit time as references to
 * or differences from the source side's, and keeps long values cut ({@link ValueCap}).
 *
 * <p>A record is assembled in a buffer of this serializer and handed to the output in one write: the heap backend's
 * snapshot writes to a stream where every small write costs several calls, which made checkpoints (and so the
 * visibility of drift events) slow. Hence one instance per thread: {@link #duplicate()} makes a new one, as Flink
 * requires of stateful serializers. Column names read back are interned per instance, so restored keys share them.
 */
final class KeyStateSerializer extends TypeSerializer<KeyState> {

    private static final long serialVersionUID = 3L;
    private static final DriftKind[] DRIFT_KINDS = DriftKind.values();
    private static final int MAX_INTERNED_NAMES = 10_000;

    static final byte LAYOUT_V2 = 2;
    static final byte LAYOUT_V3 = 3;

    private static final int HAS_SOURCE = 0x01;
    private static final int HAS_TARGET = 0x02;
    private static final int DIVERGED = 0x04;
    private static final int HAS_DRIFT = 0x08;
    private static final int TOLERANCE_TIMER = 0x10;

    private transient DataOutputSerializer buffer;
    private transient NameInterner names;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<KeyState> duplicate() {
        return new KeyStateSerializer();
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
        if (buffer == null) {
            buffer = new DataOutputSerializer(512);
        }
        buffer.clear();
        write(state, buffer);
        out.write(buffer.getSharedBuffer(), 0, buffer.length());
    }

    private static void write(KeyState state, DataOutputView out) throws IOException {
        boolean diverged = state.hasDivergenceFields();
        OpenDrift drift = state.drift;
        out.writeByte(LAYOUT_V3);
        out.writeByte((state.source != null ? HAS_SOURCE : 0)
                | (state.target != null ? HAS_TARGET : 0)
                | (diverged ? DIVERGED : 0)
                | (drift != null ? HAS_DRIFT : 0)
                | (state.awaitsCheck() ? TOLERANCE_TIMER : 0));
        SideVersionFormat.writeStrings(state.keyColumns, out);
        if (state.source != null) {
            SideVersionFormat.write(state.source, null, true, out);
        }
        if (state.target != null) {
            SideVersionFormat.write(state.target, state.source, true, out);
        }
        if (diverged) {
            SideVersionFormat.writeSignedVarLong(state.divergedAtMillis, out);
            SideVersionFormat.writeSignedVarLong(state.pendingSinceMillis, out);
            SideVersionFormat.writeSignedVarLong(state.divergenceSourceLsn, out);
            SideVersionFormat.writeSignedVarLong(state.divergenceTargetLsn, out);
        }
        if (drift != null) {
            SideVersionFormat.writeString(drift.id(), out);
            out.writeByte(drift.kind().ordinal());
            SideVersionFormat.writeStrings(drift.columns().toArray(new String[0]), out);
            SideVersionFormat.writeSignedVarLong(drift.firstSeenMillis(), out);
            SideVersionFormat.writeSignedVarLong(drift.detectedAtMillis(), out);
        }
        if (state.awaitsCheck()) {
            SideVersionFormat.writeSignedVarLong(state.toleranceTimerMillis, out);
        }
        SideVersionFormat.writeSignedVarLong(state.lastEventMillis, out);
        SideVersionFormat.writeSignedVarLong(state.cleanupTimerMillis - state.lastEventMillis, out);
    }

    @Override
    public KeyState deserialize(DataInputView in) throws IOException {
        int layout = in.readUnsignedByte();
        if (layout == 0) {
            return KeyStateLayoutV1.readAfterFirstByte(in);
        }
        if (layout == LAYOUT_V2) {
            return KeyStateLayoutV2.readAfterLayoutByte(in, names());
        }
        if (layout != LAYOUT_V3) {
            throw new IOException("a key state has layout " + layout + ", which this driftguard version cannot read:"
                    + " restore the savepoint with the driftguard version that wrote it");
        }
        return readBody(in, names(), SideVersionFormat::read);
    }

    /** How a layout reads one side's version, given the other side's (read before it, or null). */
    interface VersionReader {
        SideVersion read(SideVersion other, DataInputView in, UnaryOperator<String> names) throws IOException;
    }

    /**
     * Reads the rest of a key state after its layout byte: the second and third layouts differ only in how a side's
     * version is written.
     */
    static KeyState readBody(DataInputView in, UnaryOperator<String> names, VersionReader versions) throws IOException {
        int flags = in.readUnsignedByte();
        KeyState state = new KeyState(SideVersionFormat.readStrings(in, names));
        if ((flags & HAS_SOURCE) != 0) {
            state.source = versions.read(null, in, names);
        }
        if ((flags & HAS_TARGET) != 0) {
            state.target = versions.read(state.source, in, names);
        }
        if ((flags & DIVERGED) != 0) {
            state.divergedAtMillis = SideVersionFormat.readSignedVarLong(in);
            state.pendingSinceMillis = SideVersionFormat.readSignedVarLong(in);
            state.divergenceSourceLsn = SideVersionFormat.readSignedVarLong(in);
            state.divergenceTargetLsn = SideVersionFormat.readSignedVarLong(in);
        }
        if ((flags & HAS_DRIFT) != 0) {
            String id = SideVersionFormat.readString(in);
            DriftKind kind = DRIFT_KINDS[in.readByte()];
            List<String> columns = List.of(SideVersionFormat.readStrings(in, names));
            state.drift = new OpenDrift(
                    id,
                    kind,
                    columns,
                    SideVersionFormat.readSignedVarLong(in),
                    SideVersionFormat.readSignedVarLong(in));
        }
        if ((flags & TOLERANCE_TIMER) != 0) {
            state.toleranceTimerMillis = SideVersionFormat.readSignedVarLong(in);
        }
        state.lastEventMillis = SideVersionFormat.readSignedVarLong(in);
        state.cleanupTimerMillis = state.lastEventMillis + SideVersionFormat.readSignedVarLong(in);
        return state;
    }

    private NameInterner names() {
        if (names == null) {
            names = new NameInterner(MAX_INTERNED_NAMES);
        }
        return names;
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
    public boolean equals(Object o) {
        return o instanceof KeyStateSerializer;
    }

    @Override
    public int hashCode() {
        return KeyStateSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<KeyState> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * Savepoint compatibility: the serializer reads every layout it was ever written in (the leading byte of each
     * record names it), so a restored serializer is always compatible as is. From version 4 on the snapshot carries the
     * column lists that key states refer to by fingerprint ({@link ColumnSets}); Flink writes it with every checkpoint
     * and reads it on restore before the key states. Versions 2 and 3 are those of the {@link
     * SimpleTypeSerializerSnapshot} earlier builds wrote.
     */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<KeyState> {
        private static final int WITH_COLUMN_LISTS = 4;

        public Snapshot() {
            super(KeyStateSerializer::new);
        }

        @Override
        public int getCurrentVersion() {
            return WITH_COLUMN_LISTS;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            ColumnSets.writeTo(out);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            if (readVersion >= WITH_COLUMN_LISTS) {
                ColumnSets.readFrom(in);
            } else {
                super.readSnapshot(readVersion, in, classLoader);
            }
        }
    }
}
