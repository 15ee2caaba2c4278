package dev.driftguard.validator.detect;

import dev.driftguard.avro.ValueState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The per-column part of a {@link SideVersion}: per column its state, 64-bit value hash and (unless in privacy mode)
 * canonical text, of a long one only a prefix and its full length (see {@link ValueCap}). Immutable.
 *
 * <p>Kept in one of two forms: the arrays, or the encoded column tags as they are read from the key state or a change
 * event, decoded into the arrays only when a value is needed (a comparison that the row hashes do not settle, an
 * UNKNOWN column to fill in, a drift event). Most events only compare row hashes, so a key read from RocksDB, updated
 * and written back copies its columns' bytes instead of making a String of each value and encoding it again.
 *
 * <p>Encoding of one column: a varint tag, {@link #NULL}, {@link #UNKNOWN}, {@link #HASH_ONLY} + the hash, {@link
 * #CUT} + full length + hash + prefix, or {@code IN_FULL + n} + the value's n UTF-8 bytes (its hash derives from
 * them, see {@link SideVersion#hash}). Part of key state layout 3 ({@link SideVersionFormat}).
 */
final class ColumnContent {

    static final int NULL = 0;
    static final int UNKNOWN = 1;
    static final int HASH_ONLY = 2;
    static final int CUT = 3;
    static final int IN_FULL = 4;

    private static final ThreadLocal<DataOutputSerializer> SCRATCH =
            ThreadLocal.withInitial(() -> new DataOutputSerializer(512));

    /** Number of columns. */
    final int count;
    /** Whether the texts are kept (not privacy mode). */
    final boolean valuesKept;
    /** Whether any column is UNKNOWN (an unchanged TOAST value not filled in). */
    final boolean anyUnknown;
    /** The encoded tags, or null when made from arrays. */
    private final byte[] encoded;

    private ValueState[] states;
    private long[] hashes;
    private String[] values;
    private int[] fullLengths;

    private ColumnContent(
            int count,
            boolean valuesKept,
            boolean anyUnknown,
            byte[] encoded,
            ValueState[] states,
            long[] hashes,
            String[] values,
            int[] fullLengths) {
        this.count = count;
        this.valuesKept = valuesKept;
        this.anyUnknown = anyUnknown;
        this.encoded = encoded;
        this.states = states;
        this.hashes = hashes;
        this.values = values;
        this.fullLengths = fullLengths;
    }

    /** Content of the given arrays ({@code values} null when not kept, {@code fullLengths} null when none is cut). */
    static ColumnContent of(ValueState[] states, long[] hashes, String[] values, int[] fullLengths) {
        boolean anyUnknown = false;
        for (ValueState state : states) {
            anyUnknown |= state == ValueState.UNKNOWN;
        }
        return new ColumnContent(states.length, values != null, anyUnknown, null, states, hashes, values, fullLengths);
    }

    /**
     * Reads the tags of {@code count} columns as written by {@link #writeTo}, checking them but keeping them encoded.
     */
    static ColumnContent read(DataInputView in, int count, boolean valuesKept) throws IOException {
        DataOutputSerializer copy = SCRATCH.get();
        copy.clear();
        boolean anyUnknown = false;
        for (int i = 0; i < count; i++) {
            long tag = SideVersionFormat.readVarLong(in);
            SideVersionFormat.writeVarLong(tag, copy);
            if (tag >= IN_FULL) {
                requireValues(valuesKept);
                copy.write(in, SideVersionFormat.checkedLength(tag - IN_FULL));
            } else if (tag == HASH_ONLY) {
                copy.writeLong(in.readLong());
            } else if (tag == CUT) {
                requireValues(valuesKept);
                SideVersionFormat.writeVarLong(
                        SideVersionFormat.checkedLength(SideVersionFormat.readVarLong(in)), copy);
                copy.writeLong(in.readLong());
                long prefix = SideVersionFormat.readVarLong(in);
                SideVersionFormat.writeVarLong(prefix, copy);
                if (prefix > 0) {
                    copy.write(in, SideVersionFormat.checkedLength(prefix - 1));
                }
            } else if (tag == UNKNOWN) {
                anyUnknown = true;
            }
        }
        return new ColumnContent(count, valuesKept, anyUnknown, copy.getCopyOfBuffer(), null, null, null, null);
    }

    private static void requireValues(boolean valuesKept) throws IOException {
        if (!valuesKept) {
            throw new IOException("a side version without values holds a value: the state or record is corrupt");
        }
    }

    /** Writes the columns' tags: the encoded bytes as they were read, if this content was read. */
    void writeTo(DataOutputView out) throws IOException {
        if (encoded != null) {
            out.write(encoded);
            return;
        }
        for (int i = 0; i < count; i++) {
            writeValue(i, out);
        }
    }

    /** Writes one column's tag (names written in between: the layout of a list written out). */
    void writeColumn(int i, DataOutputView out) throws IOException {
        decode();
        writeValue(i, out);
    }

    /** A column's state and value in one tag: a value kept in full is its bytes, its hash derives from them. */
    private void writeValue(int i, DataOutputView out) throws IOException {
        switch (states[i]) {
            case NULL -> out.writeByte(NULL);
            case UNKNOWN -> out.writeByte(UNKNOWN);
            case PRESENT -> {
                if (values == null || values[i] == null) {
                    out.writeByte(HASH_ONLY);
                    out.writeLong(hashes[i]);
                } else if (fullLengths == null || fullLengths[i] == 0) {
                    byte[] bytes = values[i].getBytes(StandardCharsets.UTF_8);
                    SideVersionFormat.writeVarLong(IN_FULL + (long) bytes.length, out);
                    out.write(bytes);
                } else {
                    out.writeByte(CUT);
                    SideVersionFormat.writeVarLong(fullLengths[i], out);
                    out.writeLong(hashes[i]);
                    SideVersionFormat.writeString(values[i], out);
                }
            }
        }
    }

    ValueState[] states() {
        decode();
        return states;
    }

    long[] hashes() {
        decode();
        return hashes;
    }

    /** Canonical texts (null entries for NULL/UNKNOWN and values known by hash only); null when values are not kept. */
    String[] values() {
        decode();
        return values;
    }

    /** Per column the full UTF-8 length of a value kept as a prefix, 0 for one kept in full; null when none is cut. */
    int[] fullLengths() {
        decode();
        return fullLengths;
    }

    /** Makes the arrays from the encoded tags, once (the tags were checked when read). */
    private void decode() {
        if (states != null) {
            return;
        }
        try {
            decodeTags();
        } catch (IOException e) {
            throw new UncheckedIOException("column tags checked when read failed to decode", e);
        }
    }

    private void decodeTags() throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(encoded);
        ValueState[] newStates = new ValueState[count];
        long[] newHashes = new long[count];
        String[] newValues = valuesKept ? new String[count] : null;
        int[] newLengths = null;
        for (int i = 0; i < count; i++) {
            long tag = SideVersionFormat.readVarLong(in);
            newStates[i] = tag == NULL ? ValueState.NULL : tag == UNKNOWN ? ValueState.UNKNOWN : ValueState.PRESENT;
            if (tag >= IN_FULL) {
                newValues[i] = text(in, (int) (tag - IN_FULL));
            } else if (tag == HASH_ONLY) {
                newHashes[i] = in.readLong();
            } else if (tag == CUT) {
                newLengths = newLengths == null ? new int[count] : newLengths;
                newLengths[i] = (int) SideVersionFormat.readVarLong(in);
                newHashes[i] = in.readLong();
                long prefix = SideVersionFormat.readVarLong(in);
                newValues[i] = prefix == 0 ? null : text(in, (int) (prefix - 1));
            }
        }
        hashes = newHashes;
        values = newValues;
        fullLengths = newLengths;
        states = newStates; // last: it marks the content decoded
    }

    private String text(DataInputDeserializer in, int length) throws IOException {
        String text = new String(encoded, in.getPosition(), length, StandardCharsets.UTF_8);
        in.skipBytesToRead(length);
        return text;
    }
}
