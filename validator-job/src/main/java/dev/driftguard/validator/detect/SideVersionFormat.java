package dev.driftguard.validator.detect;

import dev.driftguard.avro.ValueState;
import dev.driftguard.row.RowHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    /** The row hash is the other side's (not repeated). */
    private static final int ROW_HASH_OF_OTHER = 0x80;

    /**
     * Low bits of a version's column count word: values kept (not privacy mode); the names are those of the other
     * side, or a fingerprint of a registered list ({@link ColumnSets}), or else written out.
     */
    private static final int VALUES_KEPT = 0x01;

    private static final int NAMES_OF_OTHER = 0x02;
    private static final int NAMES_BY_FINGERPRINT = 0x04;
    private static final int COUNT_SHIFT = 3;

    /**
     * Writes {@code version} on its own (a change event between operators): its header, then the column count word,
     * the column names and the columns' tags ({@link ColumnContent}), so that the reader can take the names from its
     * cache ({@link EventColumnNames}) and keep the tags as they are.
     */
    static void write(SideVersion version, DataOutputView out) throws IOException {
        writeHeader(version, null, false, out);
        writeVarLong(((long) version.columns.length << COUNT_SHIFT) | (version.valuesKept() ? VALUES_KEPT : 0), out);
        for (String name : version.columns) {
            writeString(name, out);
        }
        version.content.writeTo(out);
    }

    /**
     * Writes {@code version}, referring to {@code other} (the source side's version, written first) instead of
     * repeating what they share: the content of a settled key, the row hash, the column names; the commit time as
     * the difference from the other's (the replication lag: a few bytes). With {@code namesByFingerprint} (key
     * state) a registered list of names is written as its fingerprint.
     */
    static void write(SideVersion version, SideVersion other, boolean namesByFingerprint, DataOutputView out)
            throws IOException {
        boolean shared = other != null && version.sharesContentWith(other);
        writeHeader(version, other, shared, out);
        if (!shared) {
            writeColumns(version, other, namesByFingerprint, out);
        }
    }

    private static void writeHeader(SideVersion version, SideVersion other, boolean shared, DataOutputView out)
            throws IOException {
        boolean hashOfOther = other != null && version.rowHash != null && version.rowHash.equals(other.rowHash);
        int flags = version.op.ordinal()
                | (version.birthSeen ? BIRTH_SEEN : 0)
                | (version.rowHash != null && !hashOfOther ? HAS_ROW_HASH : 0)
                | (hashOfOther ? ROW_HASH_OF_OTHER : 0)
                | (version.txId >= 0 ? HAS_TX_ID : 0)
                | (shared ? CONTENT_OF_OTHER : 0);
        out.writeByte(flags);
        writeSignedVarLong(version.lsn, out);
        if (version.txId >= 0) {
            writeVarLong(version.txId, out);
        }
        writeSignedVarLong(version.commitMicros - (other == null ? 0 : other.commitMicros), out);
        writeSignedVarLong(version.captureMicros - version.commitMicros, out);
        if ((flags & HAS_ROW_HASH) != 0) {
            out.writeLong(version.rowHash.high());
            out.writeLong(version.rowHash.low());
        }
    }

    private static void writeColumns(
            SideVersion version, SideVersion other, boolean namesByFingerprint, DataOutputView out) throws IOException {
        int n = version.columns.length;
        boolean namesOfOther = other != null && Arrays.equals(version.columns, other.columns);
        Long fingerprint = namesByFingerprint && !namesOfOther ? ColumnSets.fingerprintOf(version.columns) : null;
        writeVarLong(
                ((long) n << COUNT_SHIFT)
                        | (namesOfOther ? NAMES_OF_OTHER : 0)
                        | (fingerprint != null ? NAMES_BY_FINGERPRINT : 0)
                        | (version.valuesKept() ? VALUES_KEPT : 0),
                out);
        if (fingerprint != null) {
            out.writeLong(fingerprint);
        }
        if (namesOfOther || fingerprint != null) {
            version.content.writeTo(out);
            return;
        }
        for (int i = 0; i < n; i++) {
            writeString(version.columns[i], out);
            version.content.writeColumn(i, out);
        }
    }

    /**
     * Reads a version written by {@link #write(SideVersion, DataOutputView)}, its columns' tags kept encoded. Its names
     * are the registered list ({@link ColumnSets}) when {@code eventNames} knows it.
     */
    static SideVersion read(DataInputView in, EventColumnNames eventNames) throws IOException {
        return read(null, in, UnaryOperator.identity(), eventNames);
    }

    /**
     * Reads a version written by {@link #write(SideVersion, SideVersion, DataOutputView)} with the same other; column
     * names pass through {@code names} (an interner).
     */
    static SideVersion read(SideVersion other, DataInputView in, UnaryOperator<String> names) throws IOException {
        return read(other, in, names, null);
    }

    /** With {@code eventNames}: the layout of a change event; otherwise of key state. */
    private static SideVersion read(
            SideVersion other, DataInputView in, UnaryOperator<String> names, EventColumnNames eventNames)
            throws IOException {
        int flags = in.readUnsignedByte();
        var op = SideVersion.opOf(flags & OP_BITS);
        boolean birthSeen = (flags & BIRTH_SEEN) != 0;
        long lsn = readSignedVarLong(in);
        long txId = (flags & HAS_TX_ID) != 0 ? readVarLong(in) : -1;
        if (other == null && (flags & (CONTENT_OF_OTHER | ROW_HASH_OF_OTHER)) != 0) {
            throw new IOException("a side version refers to the other side's version, which is absent: the state or"
                    + " record is corrupt");
        }
        long commitMicros = readSignedVarLong(in) + (other == null ? 0 : other.commitMicros);
        long captureMicros = commitMicros + readSignedVarLong(in);
        RowHash rowHash = (flags & HAS_ROW_HASH) != 0
                ? new RowHash(in.readLong(), in.readLong())
                : (flags & ROW_HASH_OF_OTHER) != 0 ? other.rowHash : null;
        SideVersion header =
                new SideVersion(op, birthSeen, lsn, txId, commitMicros, captureMicros, rowHash, null, null);
        if ((flags & CONTENT_OF_OTHER) != 0) {
            return header.withContentOf(other);
        }
        if (eventNames != null) {
            long word = readVarLong(in);
            int n = checkedLength(word >>> COUNT_SHIFT);
            String[] columns = eventNames.read(in, n);
            return header.withContent(columns, ColumnContent.read(in, n, (word & VALUES_KEPT) != 0));
        }
        return readColumns(header, other, in, names);
    }

    private static SideVersion readColumns(
            SideVersion header, SideVersion other, DataInputView in, UnaryOperator<String> names) throws IOException {
        long word = readVarLong(in);
        int n = checkedLength(word >>> COUNT_SHIFT);
        boolean valuesKept = (word & VALUES_KEPT) != 0;
        String[] columns = readNames(word, n, other, in);
        if (columns != null) {
            return header.withContent(columns, ColumnContent.read(in, n, valuesKept));
        }
        columns = new String[n];
        ValueState[] states = new ValueState[n];
        long[] hashes = new long[n];
        String[] values = valuesKept ? new String[n] : null;
        int[] fullLengths = null;
        for (int i = 0; i < n; i++) {
            columns[i] = names.apply(readString(in));
            long tag = readVarLong(in);
            states[i] = tag == ColumnContent.NULL
                    ? ValueState.NULL
                    : tag == ColumnContent.UNKNOWN ? ValueState.UNKNOWN : ValueState.PRESENT;
            if (tag >= ColumnContent.IN_FULL) {
                byte[] bytes = new byte[checkedLength(tag - ColumnContent.IN_FULL)];
                in.readFully(bytes);
                requireValues(values)[i] = new String(bytes, StandardCharsets.UTF_8);
            } else if (tag == ColumnContent.HASH_ONLY) {
                hashes[i] = in.readLong();
            } else if (tag == ColumnContent.CUT) {
                fullLengths = fullLengths == null ? new int[n] : fullLengths;
                fullLengths[i] = checkedLength(readVarLong(in));
                hashes[i] = in.readLong();
                requireValues(values)[i] = readString(in);
            }
        }
        columns = ColumnSets.canonical(columns);
        return header.withContent(columns, states, hashes, values, fullLengths);
    }

    /** The names of a version's {@code n} columns when they are not written out (then null). */
    private static String[] readNames(long word, int n, SideVersion other, DataInputView in) throws IOException {
        String[] names;
        if ((word & NAMES_OF_OTHER) != 0) {
            names = other == null ? null : other.columns;
        } else if ((word & NAMES_BY_FINGERPRINT) != 0) {
            names = ColumnSets.resolve(in.readLong());
        } else {
            return null;
        }
        if (names == null || names.length != n) {
            throw new IOException("a side version refers to column names that are absent or of another count: the"
                    + " state or record is corrupt");
        }
        return names;
    }

    private static String[] requireValues(String[] values) throws IOException {
        if (values == null) {
            throw new IOException("a side version without values holds a value: the state or record is corrupt");
        }
        return values;
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

    static int checkedLength(long length) throws IOException {
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new IOException("a length of " + length + " is out of range: the state or record is corrupt");
        }
        return (int) length;
    }
}
