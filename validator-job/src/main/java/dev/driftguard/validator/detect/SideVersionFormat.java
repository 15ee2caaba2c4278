package dev.driftguard.validator.detect;

import dev.driftguard.avro.ValueState;
import dev.driftguard.row.RowHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The compact binary layout of a {@link SideVersion}, of strings and of variable-length numbers, shared by the key
 * state ({@link KeyStateSerializer}, part of the savepoint format) and the change events between operators.
 *
 * <p>Numbers are LEB128 varints (zigzag for signed ones); strings are a varint of UTF-8 length + 1 (0 for null) and
 * their bytes. The state of every tracked key is written at each checkpoint, so its size and the cost of writing it
 * decide how long a checkpoint takes, and with it how soon a drift becomes visible to read_committed consumers.
 */
final class SideVersionFormat {

    private SideVersionFormat() {}

    private static final int OP_BITS = 0x07;
    private static final int BIRTH_SEEN = 0x08;
    private static final int HAS_ROW_HASH = 0x10;
    private static final int HAS_TX_ID = 0x20;
    /** Columns, states, hashes and values are those of the other side's version (a settled key: both agree). */
    private static final int CONTENT_OF_OTHER = 0x40;

    static void write(SideVersion version, DataOutputView out) throws IOException {
        write(version, null, out);
    }

    /** Writes {@code version}, referring to {@code other}'s content instead of repeating it when they share it. */
    static void write(SideVersion version, SideVersion other, DataOutputView out) throws IOException {
        boolean shared = other != null && version.sharesContentWith(other);
        int flags = version.op.ordinal()
                | (version.birthSeen ? BIRTH_SEEN : 0)
                | (version.rowHash != null ? HAS_ROW_HASH : 0)
                | (version.txId >= 0 ? HAS_TX_ID : 0)
                | (shared ? CONTENT_OF_OTHER : 0);
        out.writeByte(flags);
        writeSignedVarLong(version.lsn, out);
        if (version.txId >= 0) {
            writeVarLong(version.txId, out);
        }
        writeSignedVarLong(version.commitMicros, out);
        writeSignedVarLong(version.captureMicros - version.commitMicros, out);
        if (version.rowHash != null) {
            out.writeLong(version.rowHash.high());
            out.writeLong(version.rowHash.low());
        }
        if (shared) {
            return;
        }
        int n = version.columns.length;
        writeVarLong(n, out);
        for (int i = 0; i < n; i++) {
            writeString(version.columns[i], out);
            out.writeByte(version.states[i].ordinal());
            if (version.states[i] == ValueState.PRESENT) {
                out.writeLong(version.hashes[i]);
            }
        }
        out.writeBoolean(version.values != null);
        if (version.values != null) {
            for (int i = 0; i < n; i++) {
                writeString(version.values[i], out);
            }
        }
    }

    static SideVersion read(DataInputView in) throws IOException {
        return read(null, in, UnaryOperator.identity());
    }

    /**
     * Reads a version written by {@link #write(SideVersion, SideVersion, DataOutputView)} with the same other; column
     * names pass through {@code names} (an interner).
     */
    static SideVersion read(SideVersion other, DataInputView in, UnaryOperator<String> names) throws IOException {
        int flags = in.readUnsignedByte();
        var op = SideVersion.opOf(flags & OP_BITS);
        boolean birthSeen = (flags & BIRTH_SEEN) != 0;
        long lsn = readSignedVarLong(in);
        long txId = (flags & HAS_TX_ID) != 0 ? readVarLong(in) : -1;
        long commitMicros = readSignedVarLong(in);
        long captureMicros = commitMicros + readSignedVarLong(in);
        RowHash rowHash = (flags & HAS_ROW_HASH) != 0 ? new RowHash(in.readLong(), in.readLong()) : null;
        SideVersion header =
                new SideVersion(op, birthSeen, lsn, txId, commitMicros, captureMicros, rowHash, null, null, null, null);
        if ((flags & CONTENT_OF_OTHER) != 0) {
            if (other == null) {
                throw new IOException("a side version refers to the other side's content, which is absent");
            }
            return header.withContentOf(other);
        }
        int n = readLength(in);
        String[] columns = new String[n];
        ValueState[] states = new ValueState[n];
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
            columns[i] = names.apply(readString(in));
            states[i] = SideVersion.stateOf(in.readByte());
            hashes[i] = states[i] == ValueState.PRESENT ? in.readLong() : 0L;
        }
        String[] values = null;
        if (in.readBoolean()) {
            values = new String[n];
            for (int i = 0; i < n; i++) {
                values[i] = readString(in);
            }
        }
        return header.withContent(columns, states, hashes, values);
    }

    /**
     * A nullable string. Encoded with {@link String#getBytes}, which for the common all-ASCII string is a plain array
     * copy (far cheaper than writing it a character at a time), and written in one call.
     */
    static void writeString(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeVarLong(bytes.length + 1L, out);
        out.write(bytes);
    }

    static String readString(DataInputView in) throws IOException {
        long encoded = readVarLong(in);
        if (encoded == 0) {
            return null;
        }
        byte[] bytes = new byte[checkedLength(encoded - 1)];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void writeStrings(String[] strings, DataOutputView out) throws IOException {
        writeVarLong(strings.length, out);
        for (String s : strings) {
            writeString(s, out);
        }
    }

    static String[] readStrings(DataInputView in, UnaryOperator<String> interner) throws IOException {
        String[] strings = new String[readLength(in)];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = interner.apply(readString(in));
        }
        return strings;
    }

    /** An unsigned LEB128 varint: 7 bits a byte, low bits first. */
    static void writeVarLong(long value, DataOutputView out) throws IOException {
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    static long readVarLong(DataInputView in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("a varint is longer than 10 bytes: the state or record is corrupt");
    }

    /** A signed number as a zigzag varint: small magnitudes of either sign take few bytes. */
    static void writeSignedVarLong(long value, DataOutputView out) throws IOException {
        writeVarLong((value << 1) ^ (value >> 63), out);
    }

    static long readSignedVarLong(DataInputView in) throws IOException {
        long encoded = readVarLong(in);
        return (encoded >>> 1) ^ -(encoded & 1);
    }

    static int readLength(DataInputView in) throws IOException {
        return checkedLength(readVarLong(in));
    }

    private static int checkedLength(long length) throws IOException {
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new IOException("a length of " + length + " is out of range: the state or record is corrupt");
        }
        return (int) length;
    }
}
