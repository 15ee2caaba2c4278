package dev.driftguard.validator.detect;

import dev.driftguard.avro.Side;
import java.util.Arrays;
import java.util.Objects;

/**
 * Everything the detector keeps for one (table, key): each side's latest version, the current divergence, the open
 * drift and the pending timers. Mutable; the operator writes it back to Flink state after every change. Times are
 * processing time in epoch milliseconds; a timer of 0 is not armed.
 */
final class KeyState {

    /** Key column names in key order (the key values are in the detector key). */
    String[] keyColumns;

    SideVersion source;
    SideVersion target;

    static final long NOT_DIVERGED = -1;

    static final long NOT_PENDING = -1;

    /** When the sides started to disagree, {@link #NOT_DIVERGED} while they agree. */
    long divergedAtMillis = NOT_DIVERGED;

    /**
     * Since when the sides disagree in a way not reported yet (a new divergence, or an open drift whose kind or
     * columns changed): reported once this is the tolerance ago. {@link #NOT_PENDING} otherwise.
     */
    long pendingSinceMillis = NOT_PENDING;
    /** The sides' LSNs when they started to disagree (-1: no version); they make the drift id. */
    long divergenceSourceLsn = -1;

    long divergenceTargetLsn = -1;

    /** The drift reported and not yet resolved, or null. */
    OpenDrift drift;

    /** {@link #toleranceTimerMillis} while the divergence waits in the detector's in-memory queue. Never checkpointed. */
    static final long CHECK_QUEUED = -1;

    /**
     * The registered tolerance timer, 0 when none, {@link #CHECK_QUEUED} while queued in memory. It may outlive the
     * divergence it was armed for (it is not deleted when the sides agree again); when it fires it reports what is due
     * and re-arms for what is pending.
     */
    long toleranceTimerMillis;
    /** Timer that forgets the key once it has been idle for the retention period. */
    long cleanupTimerMillis;

    long lastEventMillis;

    KeyState(String[] keyColumns) {
        this.keyColumns = Objects.requireNonNull(keyColumns, "keyColumns");
    }

    SideVersion version(Side side) {
        return side == Side.SOURCE ? source : target;
    }

    void setVersion(Side side, SideVersion version) {
        if (side == Side.SOURCE) {
            source = version;
        } else {
            target = version;
        }
    }

    boolean diverged() {
        return divergedAtMillis != NOT_DIVERGED;
    }

    KeyState copy() {
        KeyState copy = new KeyState(keyColumns);
        copy.source = source;
        copy.target = target;
        copy.divergedAtMillis = divergedAtMillis;
        copy.pendingSinceMillis = pendingSinceMillis;
        copy.divergenceSourceLsn = divergenceSourceLsn;
        copy.divergenceTargetLsn = divergenceTargetLsn;
        copy.drift = drift;
        copy.toleranceTimerMillis = toleranceTimerMillis;
        copy.cleanupTimerMillis = cleanupTimerMillis;
        copy.lastEventMillis = lastEventMillis;
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyState other
                && Arrays.equals(keyColumns, other.keyColumns)
                && Objects.equals(source, other.source)
                && Objects.equals(target, other.target)
                && divergedAtMillis == other.divergedAtMillis
                && pendingSinceMillis == other.pendingSinceMillis
                && divergenceSourceLsn == other.divergenceSourceLsn
                && divergenceTargetLsn == other.divergenceTargetLsn
                && Objects.equals(drift, other.drift)
                && toleranceTimerMillis == other.toleranceTimerMillis
                && cleanupTimerMillis == other.cleanupTimerMillis
                && lastEventMillis == other.lastEventMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, target, drift, divergedAtMillis);
    }

    @Override
    public String toString() {
        return "KeyState{source=" + source + ", target=" + target + ", divergedAt=" + divergedAtMillis + ", drift="
                + drift + ", toleranceTimer=" + toleranceTimerMillis + ", cleanupTimer=" + cleanupTimerMillis + "}";
    }
}
