package dev.driftguard.validator.detect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The lists of column names the detector has seen, shared by every tracked key with the same list: in memory one
 * array per list, in the key state an 8-byte fingerprint instead of the names (a table's keys all have the same
 * columns, so the names were most of a narrow key's state and, for a wide table, more than its values).
 *
 * <p>Process-wide and append-only, so that the serializer of any subtask, also on Flink's snapshot threads, resolves
 * a fingerprint without a reference to an operator. A checkpoint carries the lists in the key state serializer's
 * snapshot ({@link KeyStateSerializer.Snapshot}), which Flink writes with every checkpoint and reads on restore before
 * any key state: a restored key's fingerprint is always known. A list is referred to only once registered, and an
 * array only when it is the registered one ({@link #fingerprintOf}): it was registered before any state held it, so
 * before the snapshot that includes that state wrote the lists. Fingerprint: the first 8 bytes of SHA-256 over the
 * names joined by NUL (which no PostgreSQL identifier contains); a list whose fingerprint is taken by another one, and
 * lists past {@link #CAPACITY}, are written out in full instead.
 */
final class ColumnSets {

    static final int CAPACITY = 100_000;

    private static final Map<Names, Entry> BY_NAMES = new ConcurrentHashMap<>();
    private static final Map<Long, String[]> BY_FINGERPRINT = new ConcurrentHashMap<>();

    private ColumnSets() {}

    private record Entry(String[] names, long fingerprint) {}

    /** An array's content as a map key. */
    private record Names(String[] names) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Names other && Arrays.equals(names, other.names);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(names);
        }
    }

    /**
     * The registered array with the content of {@code names}, registering {@code names} if there is none; {@code
     * names} itself when the registry is full or its fingerprint is another list's. The result must not be modified.
     */
    static String[] canonical(String[] names) {
        Entry entry = BY_NAMES.get(new Names(names));
        if (entry != null) {
            return entry.names();
        }
        return BY_NAMES.size() >= CAPACITY ? names : register(names, fingerprint(names));
    }

    private static String[] register(String[] names, long fingerprint) {
        String[] taken = BY_FINGERPRINT.putIfAbsent(fingerprint, names);
        if (taken != null && !Arrays.equals(taken, names)) {
            return names;
        }
        String[] registered = taken != null ? taken : names;
        Entry winner = BY_NAMES.putIfAbsent(new Names(registered), new Entry(registered, fingerprint));
        return winner != null ? winner.names() : registered;
    }

    /** The fingerprint of {@code names} if it is the registered array of its list, else null (write it in full). */
    static Long fingerprintOf(String[] names) {
        Entry entry = BY_NAMES.get(new Names(names));
        return entry != null && entry.names() == names ? entry.fingerprint() : null;
    }

    static String[] resolve(long fingerprint) throws IOException {
        String[] names = BY_FINGERPRINT.get(fingerprint);
        if (names == null) {
            throw new IOException("a key state refers to column list " + Long.toHexString(fingerprint)
                    + ", which the checkpoint's column lists do not hold: the checkpoint is incomplete; restore an"
                    + " earlier checkpoint or savepoint");
        }
        return names;
    }

    /** Writes every registered list (count, then fingerprint and names of each). */
    static void writeTo(DataOutputView out) throws IOException {
        List<Entry> entries = new ArrayList<>(BY_NAMES.values());
        SideVersionFormat.writeVarLong(entries.size(), out);
        for (Entry entry : entries) {
            out.writeLong(entry.fingerprint());
            SideVersionFormat.writeStrings(entry.names(), out);
        }
    }

    /** Registers the lists written by {@link #writeTo}; a fingerprint already taken by another list fails. */
    static void readFrom(DataInputView in) throws IOException {
        int count = SideVersionFormat.readLength(in);
        NameInterner names = new NameInterner(CAPACITY);
        for (int i = 0; i < count; i++) {
            long fingerprint = in.readLong();
            String[] list = SideVersionFormat.readStrings(in, names);
            if (fingerprint(list) != fingerprint) {
                throw new IOException("column list " + Arrays.toString(list) + " has fingerprint "
                        + Long.toHexString(fingerprint) + " in the checkpoint, which is not its own: the checkpoint"
                        + " is corrupt");
            }
            // Registered also past the capacity: every list of a restored state must resolve.
            String[] registered = register(list, fingerprint);
            if (registered != list && !Arrays.equals(registered, list)) {
                throw new IOException("column list " + Arrays.toString(list) + " of the checkpoint shares its"
                        + " fingerprint with another list this process knows; restore it in a new process");
            }
        }
    }

    /** Forgets every list, as a new process starts: for tests of restores only. */
    static void forgetAllForTests() {
        BY_NAMES.clear();
        BY_FINGERPRINT.clear();
    }

    private static long fingerprint(String[] names) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String name : names) {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM provides no SHA-256 MessageDigest", e);
        }
    }
}
