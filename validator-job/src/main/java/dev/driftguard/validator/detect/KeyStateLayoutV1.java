package dev.driftguard.validator.detect;

import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.ValueState;
import dev.driftguard.row.RowHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;

/**
 * Reads the first layout of {@link KeyState} (fixed-width numbers, int-length strings), which savepoints and RocksDB
 * entries written by earlier builds hold; {@link KeyStateSerializer} writes only the current layout. Long values are
 * cut to {@link ValueCap} as they are read.
 */
final class KeyStateLayoutV1 {

    private static final byte ABSENT = 0;
    private static final byte CONTENT_OF_OTHER = 2;
    private static final DriftKind[] DRIFT_KINDS = DriftKind.values();

    private KeyStateLayoutV1() {}

    /**
     * Reads the rest of a key state whose first byte (the high byte of its key column count, always 0) was read.
     */
    static KeyState readAfterFirstByte(DataInputView in) throws IOException {
        int keyColumnCount = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
        KeyState state = new KeyState(readStrings(keyColumnCount, in));
        state.source = readVersion(null, in);
        state.target = readVersion(state.source, in);
        state.divergedAtMillis = in.readLong();
        state.pendingSinceMillis = in.readLong();
        state.divergenceSourceLsn = in.readLong();
        state.divergenceTargetLsn = in.readLong();
        if (in.readBoolean()) {
            String id = readString(in);
            DriftKind kind = DRIFT_KINDS[in.readByte()];
            List<String> columns = List.of(readStrings(in.readInt(), in));
            state.drift = new OpenDrift(id, kind, columns, in.readLong(), in.readLong());
        }
        state.toleranceTimerMillis = in.readLong();
        state.cleanupTimerMillis = in.readLong();
        state.lastEventMillis = in.readLong();
        return state;
    }

    private static SideVersion readVersion(SideVersion other, DataInputView in) throws IOException {
        byte tag = in.readByte();
        if (tag == ABSENT) {
            return null;
        }
        var op = SideVersion.opOf(in.readByte());
        boolean birthSeen = in.readBoolean();
        long lsn = in.readLong();
        long txId = in.readLong();
        long commitMicros = in.readLong();
        long captureMicros = in.readLong();
        RowHash rowHash = in.readBoolean() ? new RowHash(in.readLong(), in.readLong()) : null;
        SideVersion header =
                new SideVersion(op, birthSeen, lsn, txId, commitMicros, captureMicros, rowHash, null, null);
        if (tag == CONTENT_OF_OTHER) {
            if (other == null) {
                throw new IOException("a side version refers to the other side's content, which is absent");
            }
            return header.withContentOf(other);
        }
        int n = in.readInt();
        String[] columns = new String[n];
        ValueState[] states = new ValueState[n];
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
            columns[i] = readString(in);
            states[i] = SideVersion.stateOf(in.readByte());
            hashes[i] = states[i] == ValueState.PRESENT ? in.readLong() : 0L;
        }
        String[] values = in.readBoolean() ? readStrings(n, in) : null;
        return ValueCap.applied(header.withContent(ColumnSets.canonical(columns), states, hashes, values, null));
    }

    private static String[] readStrings(int n, DataInputView in) throws IOException {
        String[] strings = new String[n];
        for (int i = 0; i < n; i++) {
            strings[i] = readString(in);
        }
        return strings;
    }

    private static String readString(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
