package dev.driftguard.validator.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Reads the column names of a change event: every event of a table carries the same names, so a reader keeps the
 * lists it has seen by their encoded bytes and hands out the same array again instead of making a String of each name
 * for every event: the registered array of the list ({@link ColumnSets}), which the detector keeps in state. One cache
 * per serializer instance (Flink gives each thread its own, see {@link ChangeEventSerializer#duplicate}); bounded: past
 * {@link #CAPACITY} lists, new ones are made afresh every time. The arrays handed out are shared and must not be
 * modified.
 */
final class EventColumnNames {

    static final int CAPACITY = 10_000;

    private final DataOutputSerializer scratch = new DataOutputSerializer(256);
    private final Map<Encoded, String[]> lists = new HashMap<>();

    /** Reads {@code n} names written by {@link SideVersionFormat#writeString} each. */
    String[] read(DataInputView in, int n) throws IOException {
        scratch.clear();
        for (int i = 0; i < n; i++) {
            long encoded = SideVersionFormat.readVarLong(in);
            if (encoded == 0) {
                throw new IOException("a change event has a column without a name: the record is corrupt");
            }
            SideVersionFormat.writeVarLong(encoded, scratch);
            scratch.write(in, SideVersionFormat.checkedLength(encoded - 1));
        }
        byte[] bytes = scratch.getSharedBuffer();
        int length = scratch.length();
        Encoded probe = new Encoded(bytes, length);
        String[] names = lists.get(probe);
        if (names == null) {
            names = ColumnSets.canonical(decode(bytes, n));
            if (lists.size() < CAPACITY) {
                lists.put(new Encoded(Arrays.copyOf(bytes, length), length), names);
            }
        }
        return names;
    }

    private static String[] decode(byte[] bytes, int n) {
        String[] names = new String[n];
        int position = 0;
        for (int i = 0; i < n; i++) {
            long encoded = 0;
            int shift = 0;
            int b;
            do {
                b = bytes[position++] & 0xFF;
                encoded |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            int length = (int) (encoded - 1);
            names[i] = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
        }
        return names;
    }

    /** The first {@code length} bytes of {@code bytes} as a map key. */
    private static final class Encoded {
        private final byte[] bytes;
        private final int length;
        private final int hash;

        Encoded(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
            int h = 1;
            for (int i = 0; i < length; i++) {
                h = 31 * h + bytes[i];
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Encoded other && Arrays.equals(bytes, 0, length, other.bytes, 0, other.length);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
