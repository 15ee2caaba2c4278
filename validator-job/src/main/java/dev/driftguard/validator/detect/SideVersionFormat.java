package dev.driftguard.validator.detect;

import dev.driftguard.avro.ValueState;
import dev.driftguard.row.RowHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The binary layout of a {@link SideVersion} (nullable) and of string arrays, shared by the key state and the change
 * events between operators. Part of the savepoint format: see {@link KeyStateSerializer}.
 */
final class SideVersionFormat {

    private SideVersionFormat() {}

    private static final byte ABSENT = 0;
    private static final byte FULL = 1;
    /** Columns, states, hashes and values are those of the other side's version (a settled key: both agree). */
    private static final byte CONTENT_OF_OTHER = 2;

    static void write(SideVersion version, DataOutputView out) throws IOException {
        write(version, null, out);
    }

    /** Writes {@code version}, referring to {@code other}'s content instead of repeating it when they share it. */
    static void write(SideVersion version, SideVersion other, DataOutputView out) throws IOException {
        if (version == null) {
            out.writeByte(ABSENT);
            return;
        }
        boolean shared = other != null && version.sharesContentWith(other);
        out.writeByte(shared ? CONTENT_OF_OTHER : FULL);
        out.writeByte(version.op.ordinal());
        out.writeBoolean(version.birthSeen);
        out.writeLong(version.lsn);
        out.writeLong(version.txId);
        out.writeLong(version.commitMicros);
        out.writeLong(version.captureMicros);
        out.writeBoolean(version.rowHash != null);
        if (version.rowHash != null) {
            out.writeLong(version.rowHash.high());
            out.writeLong(version.rowHash.low());
        }
        if (shared) {
            return;
        }
        int n = version.columns.length;
        out.writeInt(n);
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
        return read(null, in);
    }

    /** Reads a version written by {@link #write(SideVersion, SideVersion, DataOutputView)} with the same other. */
    static SideVersion read(SideVersion other, DataInputView in) throws IOException {
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
        if (tag == CONTENT_OF_OTHER) {
            if (other == null) {
                throw new IOException("a side version refers to the other side's content, which is absent");
            }
            return new SideVersion(
                    op,
                    birthSeen,
                    lsn,
                    txId,
                    commitMicros,
                    captureMicros,
                    rowHash,
                    other.columns,
                    other.states,
                    other.hashes,
                    other.values);
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
        String[] values = null;
        if (in.readBoolean()) {
            values = new String[n];
            for (int i = 0; i < n; i++) {
                values[i] = readString(in);
            }
        }
        return new SideVersion(
                op, birthSeen, lsn, txId, commitMicros, captureMicros, rowHash, columns, states, hashes, values);
    }

    /** A nullable string as its UTF-8 length (-1 for null) and bytes. */
    static void writeString(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void writeStrings(String[] strings, DataOutputView out) throws IOException {
        out.writeInt(strings.length);
        for (String s : strings) {
            writeString(s, out);
        }
    }

    static String[] readStrings(DataInputView in) throws IOException {
        int n = in.readInt();
        String[] strings = new String[n];
        for (int i = 0; i < n; i++) {
            strings[i] = readString(in);
        }
        return strings;
    }
}
