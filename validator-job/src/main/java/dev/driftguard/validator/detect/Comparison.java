package dev.driftguard.validator.detect;

import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.Side;
import dev.driftguard.avro.ValueState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/** Compares the two sides' latest versions of one row. */
final class Comparison {

    private Comparison() {}

    /**
     * The verdict for a key. A side without a version is a side whose changes the validator has not seen (none, or
     * none within the idle-key retention), and what it presumably holds follows from the other side's history: if
     * that side's row was created while tracked, the silent side never had it (a live row there is missing or extra;
     * a row created and deleted again is equal, absent on both); otherwise the silent side still holds the row as it
     * was before the other side's change (a delete leaves it extra or missing, an update leaves a VALUE_MISMATCH whose
     * columns cannot be named).
     */
    static Verdict compare(SideVersion source, SideVersion target) {
        if (source == null && target == null) {
            throw new IllegalArgumentException("a key without a version on either side has nothing to compare");
        }
        if (source == null) {
            return lone(target, Side.TARGET);
        }
        if (target == null) {
            return lone(source, Side.SOURCE);
        }
        if (source.deleted() && target.deleted()) {
            return Verdict.EQUAL;
        }
        if (source.deleted()) {
            return Verdict.of(DriftKind.EXTRA_ON_TARGET);
        }
        if (target.deleted()) {
            return Verdict.of(DriftKind.MISSING_ON_TARGET);
        }
        if (source.rowHash != null && target.rowHash != null && Arrays.equals(source.columns, target.columns)) {
            if (source.rowHash.equals(target.rowHash)) {
                return Verdict.EQUAL;
            }
        }
        List<String> differing = differingColumns(source, target);
        return differing.isEmpty() ? Verdict.EQUAL : new Verdict(DriftKind.VALUE_MISMATCH, differing);
    }

    /**
     * Whether the sides agree: the same as {@code compare(source, target).equal()}, but two live versions with row
     * hashes over the same columns are decided by the hashes alone, without decoding their columns. Capture hashes
     * exactly these columns' values (in name order), so different row hashes over the same columns mean that a value
     * differs.
     */
    static boolean agree(SideVersion source, SideVersion target) {
        if (source != null
                && target != null
                && !source.deleted()
                && !target.deleted()
                && source.rowHash != null
                && target.rowHash != null
                && Arrays.equals(source.columns, target.columns)) {
            return source.rowHash.equals(target.rowHash);
        }
        return compare(source, target).equal();
    }

    /**
     * Whether two live versions hold the same content, so that one can stand for both: the same row hash over the
     * same columns, or (without row hashes: capture sends none when a column was UNKNOWN, even once filled in) the same
     * value in every column, none UNKNOWN, and values kept on both sides or on neither.
     */
    static boolean sameContent(SideVersion source, SideVersion target) {
        if (source.deleted()
                || target.deleted()
                || source.valuesKept() != target.valuesKept()
                || !Arrays.equals(source.columns, target.columns)) {
            return false;
        }
        if (source.rowHash != null && source.rowHash.equals(target.rowHash)) {
            return true;
        }
        for (int i = 0; i < source.columns.length; i++) {
            if (source.states()[i] == ValueState.UNKNOWN
                    || target.states()[i] == ValueState.UNKNOWN
                    || !sameValue(source, i, target, i)) {
                return false;
            }
        }
        return true;
    }

    private static Verdict lone(SideVersion version, Side side) {
        boolean onSource = side == Side.SOURCE;
        if (version.birthSeen) {
            if (version.deleted()) {
                return Verdict.EQUAL;
            }
            return Verdict.of(onSource ? DriftKind.MISSING_ON_TARGET : DriftKind.EXTRA_ON_TARGET);
        }
        if (version.deleted()) {
            return Verdict.of(onSource ? DriftKind.EXTRA_ON_TARGET : DriftKind.MISSING_ON_TARGET);
        }
        return Verdict.of(DriftKind.VALUE_MISMATCH);
    }

    /**
     * Columns known to differ, in name order (see {@link #sameValue}): a column on one side only differs; an UNKNOWN
     * (unchanged TOAST) value never differs.
     */
    static List<String> differingColumns(SideVersion source, SideVersion target) {
        TreeSet<String> names = new TreeSet<>(Arrays.asList(source.columns));
        names.addAll(Arrays.asList(target.columns));
        List<String> differing = new ArrayList<>();
        for (String name : names) {
            int s = source.indexOf(name);
            int t = target.indexOf(name);
            if (s < 0 || t < 0) {
                differing.add(name);
            } else if (source.states()[s] != ValueState.UNKNOWN && target.states()[t] != ValueState.UNKNOWN) {
                if (!sameValue(source, s, target, t)) {
                    differing.add(name);
                }
            }
        }
        return differing;
    }

    /**
     * Whether column {@code i} of {@code a} and column {@code j} of {@code b} hold the same value: two texts kept in
     * full by their text, otherwise (privacy mode, a value cut to its prefix) by the 64-bit hash of the whole value,
     * so that a long value that differs only past the kept prefix differs. Neither may be UNKNOWN.
     */
    static boolean sameValue(SideVersion a, int i, SideVersion b, int j) {
        if (a.states()[i] != b.states()[j]) {
            return false;
        }
        if (a.states()[i] != ValueState.PRESENT) {
            return true;
        }
        if (a.keptInFull(i) && b.keptInFull(j)) {
            return a.values()[i].equals(b.values()[j]);
        }
        return a.hash(i) == b.hash(j);
    }
}
