package dev.driftguard.validator.detect;

import dev.driftguard.avro.ValueState;
import dev.driftguard.row.RowHash;
import java.io.IOException;
import java.util.function.UnaryOperator;
import org.apache.flink.core.memory.DataInputView;

/**
 * Reads the second layout of {@link KeyState} (leading byte 2: varints, but every column's name, state and hash, and
 * each side's row hash, in every record), which savepoints and RocksDB entries written by earlier builds hold; {@link
 * KeyStateSerializer} writes only the current layout. Values are cut to {@link ValueCap} as they are read, so a
 * restored key is as small in memory as a new one.
 */
final class KeyStateLayoutV2 {

    private static final int OP_BITS = 0x07;
    private static final int BIRTH_SEEN = 0x08;
    private static final int HAS_ROW_HASH = 0x10;
    private static final int HAS_TX_ID = 0x20;
    private static final int CONTENT_OF_OTHER = 0x40;

    private KeyStateLayoutV2() {}

    /** Reads the rest of a key state whose leading layout byte (2) was read. */
    static KeyState readAfterLayoutByte(DataInputView in, UnaryOperator<String> names) throws IOException {
        return KeyStateSerializer.readBody(in, names, KeyStateLayoutV2::readVersion);
    }

    private static SideVersion readVersion(SideVersion other, DataInputView in, UnaryOperator<String> names)
            throws IOException {
        int flags = in.readUnsignedByte();
        var op = SideVersion.opOf(flags & OP_BITS);
        boolean birthSeen = (flags & BIRTH_SEEN) != 0;
        long lsn = SideVersionFormat.readSignedVarLong(in);
        long txId = (flags & HAS_TX_ID) != 0 ? SideVersionFormat.readVarLong(in) : -1;
        long commitMicros = SideVersionFormat.readSignedVarLong(in);
        long captureMicros = commitMicros + SideVersionFormat.readSignedVarLong(in);
        RowHash rowHash = (flags & HAS_ROW_HASH) != 0 ? new RowHash(in.readLong(), in.readLong()) : null;
        SideVersion header =
                new SideVersion(op, birthSeen, lsn, txId, commitMicros, captureMicros, rowHash, null, null);
        if ((flags & CONTENT_OF_OTHER) != 0) {
            if (other == null) {
                throw new IOException("a side version refers to the other side's content, which is absent");
            }
            return header.withContentOf(other);
        }
        int n = SideVersionFormat.readLength(in);
        String[] columns = new String[n];
        ValueState[] states = new ValueState[n];
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
            columns[i] = names.apply(SideVersionFormat.readString(in));
            states[i] = SideVersion.stateOf(in.readByte());
            hashes[i] = states[i] == ValueState.PRESENT ? in.readLong() : 0L;
        }
        String[] values = null;
        if (in.readBoolean()) {
            values = new String[n];
            for (int i = 0; i < n; i++) {
                values[i] = SideVersionFormat.readString(in);
            }
        }
        return ValueCap.applied(header.withContent(ColumnSets.canonical(columns), states, hashes, values, null));
    }
}
