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
import java.util.function.UnaryOperator;

/**
 * The latest version of one row on one side, as the detector remembers it: its position, whether it is deleted, its
 * row hash and per column the state, 64-bit value hash and (unless in privacy mode) the canonical text. Immutable.
 */
final class SideVersion {

    private static final String[] NO_STRINGS = new String[0];
    private static final ValueState[] NO_STATES = new ValueState[0];
    private static final long[] NO_LONGS = new long[0];
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

    final String[] columns;
    final ValueState[] states;
    final long[] hashes;
    /** Canonical texts (null entries for NULL/UNKNOWN), or null when values are not kept. */
    final String[] values;

    SideVersion(
            Op op,
            boolean birthSeen,
            long lsn,
            long txId,
            long commitMicros,
            long captureMicros,
            RowHash rowHash,
            String[] columns,
            ValueState[] states,
            long[] hashes,
            String[] values) {
        this.op = Objects.requireNonNull(op, "op");
        this.birthSeen = birthSeen;
        this.lsn = lsn;
        this.txId = txId;
        this.commitMicros = commitMicros;
        this.captureMicros = captureMicros;
        this.rowHash = rowHash;
        this.columns = columns;
        this.states = states;
        this.hashes = hashes;
        this.values = values;
    }

    /**
     * The version a change describes, as capture sent it: UNKNOWN columns not yet filled in (see {@link #following}).
     * Without {@code keepValues} (privacy mode) the column texts are dropped here, before they travel further.
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
                NO_STATES,
                NO_LONGS,
                null);
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
        return header.withContent(columns, states, hashes, values);
    }

    /**
     * This version as the successor of {@code previous}, this side's prior version of the same row (or null). UNKNOWN
     * columns (Debezium's unchanged-TOAST placeholder) take the previous version's state, hash and value when it knew
     * them: an unchanged TOAST value is by definition the previous version's value. The row's birth counts as seen if
     * it was seen for the previous version. Column names are interned (replaced by equal strings) so that millions of
     * keys share one String per column; this version's values are otherwise left as they are.
     */
    SideVersion following(SideVersion previous, UnaryOperator<String> names) {
        boolean livePrevious = previous != null && !previous.deleted();
        ValueState[] newStates = states;
        long[] newHashes = hashes;
        String[] newValues = values;
        for (int i = 0; i < columns.length; i++) {
            columns[i] = names.apply(columns[i]);
            if (states[i] == ValueState.UNKNOWN && livePrevious) {
                int j = previous.indexOf(columns[i]);
                if (j >= 0 && previous.states[j] != ValueState.UNKNOWN) {
                    if (newStates == states) {
                        newStates = states.clone();
                        newHashes = hashes.clone();
                        newValues = values == null ? null : values.clone();
                    }
                    newStates[i] = previous.states[j];
                    newHashes[i] = previous.hashes[j];
                    if (newValues != null && previous.values != null) {
                        newValues[i] = previous.values[j];
                    }
                }
            }
        }
        boolean birth = birthSeen || (livePrevious && previous.birthSeen);
        return new SideVersion(
                op, birth, lsn, txId, commitMicros, captureMicros, rowHash, columns, newStates, newHashes, newValues);
    }

    /**
     * This version with {@code other}'s column arrays, which hold the same content: for a settled key, whose two
     * sides agree, state keeps (and checkpoints) the columns once.
     */
    SideVersion withContentOf(SideVersion other) {
        return withContent(other.columns, other.states, other.hashes, other.values);
    }

    /** This version's position, op and row hash with the given column arrays. */
    SideVersion withContent(String[] columns, ValueState[] states, long[] hashes, String[] values) {
        return new SideVersion(
                op, birthSeen, lsn, txId, commitMicros, captureMicros, rowHash, columns, states, hashes, values);
    }

    boolean sharesContentWith(SideVersion other) {
        return columns == other.columns && states == other.states && hashes == other.hashes && values == other.values;
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
        if (values == null) {
            return null;
        }
        for (int i = 0; i < columns.length; i++) {
            if (states[i] != ValueState.UNKNOWN && (wanted == null || wanted.contains(columns[i]))) {
                into.put(columns[i], values[i]);
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
                && Arrays.equals(states, other.states)
                && Arrays.equals(hashes, other.hashes)
                && Arrays.equals(values, other.values);
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
