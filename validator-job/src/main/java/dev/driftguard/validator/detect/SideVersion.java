package dev.driftguard.validator.detect;

import dev.driftguard.avro.ColumnValue;
import dev.driftguard.avro.Op;
import dev.driftguard.avro.Position;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.ValueState;
import dev.driftguard.row.RowChangeFactory;
import dev.driftguard.row.RowHash;
import dev.driftguard.validator.EpochMicros;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The latest version of one row on one side, as the detector remembers it: its position, whether it is deleted, its
 * row hash and per column the state, 64-bit value hash and (unless in privacy mode) the canonical text, of a long one
 * only a prefix and its full length (see {@link ValueCap}). Immutable.
 *
 * <p>The hash of a value kept in full is derived from it ({@link #hash}): it is neither compared ({@link
 * Comparison#sameValue} compares such values by their text) nor checkpointed.
 */
final class SideVersion {

    private static final String[] NO_STRINGS = new String[0];
    private static final ColumnContent NO_CONTENT = ColumnContent.of(new ValueState[0], new long[0], null, null);
    private static final ValueState[] VALUE_STATES = ValueState.values();
    private static final Op[] OPS = Op.values();

    final Op op;
    /**
     * This side's row was created (INSERT, or read by a snapshot) while the key was tracked, so its whole life on this
     * side is known: when the other side has no version, it presumably never had the row.
     */
    final boolean birthSeen;

    final long lsn;
    /** Transaction id, or -1 when the capture did not know it. */
    final long txId;

    final long commitMicros;
    /** When capture read the change (epoch microseconds). */
    final long captureMicros;
    /** Row hash, or null for a deleted row or a row with an UNKNOWN column. */
    final RowHash rowHash;

    /**
     * Column names; once the version is in state, the registered array of its list ({@link ColumnSets}), shared by
     * every key with the same columns. Never modified.
     */
    final String[] columns;

    /** Per column state, hash and text; null only in a header being read (see {@link SideVersionFormat}). */
    final ColumnContent content;

    SideVersion(
            Op op,
            boolean birthSeen,
            long lsn,
            long txId,
            long commitMicros,
            long captureMicros,
            RowHash rowHash,
            String[] columns,
            ColumnContent content) {
        this.op = Objects.requireNonNull(op, "op");
        this.birthSeen = birthSeen;
        this.lsn = lsn;
        this.txId = txId;
        this.commitMicros = commitMicros;
        this.captureMicros = captureMicros;
        this.rowHash = rowHash;
        this.columns = columns;
        this.content = content;
    }

    ValueState[] states() {
        return content.states();
    }

    long[] hashes() {
        return content.hashes();
    }

    /**
     * Canonical texts (null entries for NULL/UNKNOWN), of a value longer than {@link ValueCap#KEPT_BYTES} its prefix;
     * null when values are not kept.
     */
    String[] values() {
        return content.values();
    }

    /** Per column the full UTF-8 length of a value kept as a prefix, 0 for one kept in full; null when none is cut. */
    int[] fullLengths() {
        return content.fullLengths();
    }

    /** Whether the column texts are kept (not privacy mode), known without decoding the content. */
    boolean valuesKept() {
        return content.valuesKept;
    }

    /**
     * The version a change describes, as capture sent it: UNKNOWN columns not yet filled in (see {@link #following}).
     * Without {@code keepValues} (privacy mode) the column texts are dropped here, before they travel further; long
     * ones are cut to their prefix here ({@link ValueCap}), so that neither the operators in between nor the state
     * ever hold more.
     */
    static SideVersion of(RowChange change, boolean keepValues) {
        Position position = change.getPosition();
        long txId = position.getTxId() == null ? -1 : position.getTxId();
        long commitMicros = EpochMicros.of(position.getCommitTimeMicros());
        long captureMicros = EpochMicros.of(change.getCaptureTimeMicros());
        boolean birth = change.getOp() == Op.INSERT || change.getOp() == Op.SNAPSHOT;
        List<ColumnValue> columnValues = change.getColumns() == null ? List.of() : change.getColumns();
        int n = columnValues.size();
        SideVersion header = new SideVersion(
                change.getOp(),
                birth,
                position.getLsn(),
                txId,
                commitMicros,
                captureMicros,
                // Capture sends no row hash when a column is UNKNOWN; the per-column hashes decide then.
                RowChangeFactory.rowHash(change),
                NO_STRINGS,
                NO_CONTENT);
        if (change.getOp() == Op.DELETE || change.getOp() == Op.TRUNCATE || n == 0) {
            return header;
        }
        String[] columns = new String[n];
        ValueState[] states = new ValueState[n];
        long[] hashes = new long[n];
        String[] values = keepValues ? new String[n] : null;
        for (int i = 0; i < n; i++) {
            ColumnValue column = columnValues.get(i);
            columns[i] = column.getName();
            states[i] = column.getState();
            hashes[i] = column.getState() == ValueState.PRESENT ? column.getHash() : 0L;
            if (values != null && column.getState() == ValueState.PRESENT) {
                values[i] = column.getValue();
            }
        }
        return ValueCap.applied(header.withContent(columns, states, hashes, values, null));
    }

    /**
     * This version as the successor of {@code previous}, this side's prior version of the same row (or null). UNKNOWN
     * columns (Debezium's unchanged-TOAST placeholder) take the previous version's state, hash and value when it knew
     * them: an unchanged TOAST value is by definition the previous version's value. The row's birth counts as seen if
     * it was seen for the previous version. The column names become the registered array of their list ({@link
     * ColumnSets}), which millions of keys share (and checkpoint as a fingerprint); this version's values are otherwise
     * left as they are.
     */
    SideVersion following(SideVersion previous) {
        boolean livePrevious = previous != null && !previous.deleted();
        String[] names = previous != null && columns == previous.columns ? columns : ColumnSets.canonical(columns);
        ColumnContent filled = content;
        if (livePrevious && content.anyUnknown) {
            ValueState[] states = states();
            SideVersion filling = this;
            for (int i = 0; i < columns.length; i++) {
                if (states[i] == ValueState.UNKNOWN) {
                    int j = previous.indexOf(columns[i]);
                    if (j >= 0 && previous.states()[j] != ValueState.UNKNOWN) {
                        filling = filling.withColumnOf(i, previous, j);
                    }
                }
            }
            filled = filling.content;
        }
        boolean birth = birthSeen || (livePrevious && previous.birthSeen);
        return new SideVersion(op, birth, lsn, txId, commitMicros, captureMicros, rowHash, names, filled);
    }

    /** This version with column {@code i} taken from column {@code j} of {@code previous}; copies only what changes. */
    private SideVersion withColumnOf(int i, SideVersion previous, int j) {
        ValueState[] newStates = states().clone();
        long[] newHashes = hashes().clone();
        String[] values = values();
        int[] fullLengths = fullLengths();
        String[] newValues = values == null ? null : values.clone();
        int[] newLengths = fullLengths == null ? null : fullLengths.clone();
        newStates[i] = previous.states()[j];
        // The hash of a text kept in full is derived from it when needed: not computed here for nothing.
        newHashes[i] = newValues != null && previous.keptInFull(j) ? previous.hashes()[j] : previous.hash(j);
        String[] previousValues = previous.values();
        if (newValues != null && previousValues != null) {
            newValues[i] = previousValues[j];
            int[] previousLengths = previous.fullLengths();
            if (previousLengths != null && previousLengths[j] != 0) {
                newLengths = newLengths == null ? new int[columns.length] : newLengths;
                newLengths[i] = previousLengths[j];
            }
        }
        return withContent(columns, newStates, newHashes, newValues, newLengths);
    }

    /**
     * This version with {@code other}'s columns and content, which are the same as its own: for a settled key, whose
     * two sides agree, state keeps (and checkpoints) the columns once.
     */
    SideVersion withContentOf(SideVersion other) {
        return withContent(other.columns, other.content);
    }

    /** This version's position, op and row hash with the given column arrays. */
    SideVersion withContent(String[] columns, ValueState[] states, long[] hashes, String[] values, int[] fullLengths) {
        return withContent(columns, ColumnContent.of(states, hashes, values, fullLengths));
    }

    /** This version's position, op and row hash with the given columns and content. */
    SideVersion withContent(String[] columns, ColumnContent content) {
        return new SideVersion(op, birthSeen, lsn, txId, commitMicros, captureMicros, rowHash, columns, content);
    }

    boolean sharesContentWith(SideVersion other) {
        return columns == other.columns && content == other.content;
    }

    /** Whether column {@code i} is PRESENT with its whole text at hand (values kept, not cut to a prefix). */
    boolean keptInFull(int i) {
        String[] values = values();
        int[] fullLengths = fullLengths();
        return states()[i] == ValueState.PRESENT
                && values != null
                && values[i] != null
                && (fullLengths == null || fullLengths[i] == 0);
    }

    /** The 64-bit hash of column {@code i}'s whole value (0 unless PRESENT), derived from the text if kept in full. */
    long hash(int i) {
        return keptInFull(i) ? RowHash.hash64(values()[i]) : hashes()[i];
    }

    boolean deleted() {
        return op == Op.DELETE;
    }

    boolean fromSnapshot() {
        return op == Op.SNAPSHOT;
    }

    int indexOf(String column) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].equals(column)) {
                return i;
            }
        }
        return -1;
    }

    Position position() {
        return Position.newBuilder()
                .setLsn(lsn)
                .setTxId(txId < 0 ? null : txId)
                .setCommitTimeMicros(EpochMicros.toInstant(commitMicros))
                .build();
    }

    /** Column texts of {@code wanted} (all columns when null); NULL maps to null, UNKNOWN is left out. */
    Map<String, String> valuesOf(List<String> wanted, Map<String, String> into) {
        String[] values = values();
        if (values == null) {
            return null;
        }
        ValueState[] states = states();
        for (int i = 0; i < columns.length; i++) {
            if (states[i] != ValueState.UNKNOWN && (wanted == null || wanted.contains(columns[i]))) {
                boolean cut = states[i] == ValueState.PRESENT && !keptInFull(i);
                into.put(columns[i], cut ? ValueCap.reported(values[i], fullLengths()[i], hashes()[i]) : values[i]);
            }
        }
        return into;
    }

    static Op opOf(int ordinal) {
        return OPS[ordinal];
    }

    static ValueState stateOf(int ordinal) {
        return VALUE_STATES[ordinal];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SideVersion other
                && op == other.op
                && birthSeen == other.birthSeen
                && lsn == other.lsn
                && txId == other.txId
                && commitMicros == other.commitMicros
                && captureMicros == other.captureMicros
                && Objects.equals(rowHash, other.rowHash)
                && Arrays.equals(columns, other.columns)
                && Arrays.equals(states(), other.states())
                && Arrays.equals(values(), other.values())
                && sameLengthsAndHashes(other);
    }

    /** Full lengths and the hashes that are not derived from a kept text ({@link #hash}) are the same. */
    private boolean sameLengthsAndHashes(SideVersion other) {
        int[] fullLengths = fullLengths();
        int[] otherLengths = other.fullLengths();
        for (int i = 0; i < states().length; i++) {
            int length = fullLengths == null ? 0 : fullLengths[i];
            int otherLength = otherLengths == null ? 0 : otherLengths[i];
            if (length != otherLength || (!keptInFull(i) && hashes()[i] != other.hashes()[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, lsn, commitMicros, rowHash);
    }

    @Override
    public String toString() {
        return op + "@" + lsn + (rowHash == null ? "" : " " + rowHash) + " " + Arrays.toString(columns);
    }
}
