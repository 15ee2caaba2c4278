package dev.driftguard.validator.detect;

import dev.driftguard.avro.Side;
import java.util.Arrays;
import java.util.Objects;

/**
 * Everything the detector keeps for one (table, key): each side's latest version, the current divergence, the open
 * drift and the pending timers, and the transitions of a key (an event, its tolerance timer, its cleanup timer) as
 * methods that change it and say what the detector has to do: emit, register a timer, forget the key. Mutable; the
 * detector writes it back to Flink state after every change. Times are processing time in epoch milliseconds.
 *
 * <p>Each "none" below has its own named constant and predicate. Positions stay raw {@code long} LSNs here (no {@code
 * Lsn} objects): this is the state every event reads and writes.
 */
final class KeyState {

    /** {@link #divergedAtMillis} while the sides agree. */
    static final long NOT_DIVERGED = -1;
    /** {@link #pendingSinceMillis} while nothing waits to be reported. */
    static final long NOT_PENDING = -1;
    /** A divergence LSN of a side that had no version when the sides started to disagree. */
    static final long NO_VERSION = -1;
    /** {@link #toleranceTimerMillis} when no tolerance timer is registered. */
    static final long NO_TIMER = 0;
    /** {@link #toleranceTimerMillis} while the divergence waits in the detector's in-memory queue. Never checkpointed. */
    static final long CHECK_QUEUED = -1;

    /** Key column names in key order (the key values are in the detector key). */
    String[] keyColumns;

    SideVersion source;
    SideVersion target;

    /** When the sides started to disagree, {@link #NOT_DIVERGED} while they agree. */
    long divergedAtMillis = NOT_DIVERGED;

    /**
     * Since when the sides disagree in a way not reported yet (a new divergence, or an open drift whose kind or
     * columns changed): reported once this is the tolerance ago. {@link #NOT_PENDING} otherwise.
     */
    long pendingSinceMillis = NOT_PENDING;
    /** The sides' LSNs when they started to disagree ({@link #NO_VERSION}: none); they make the drift id. */
    long divergenceSourceLsn = NO_VERSION;

    long divergenceTargetLsn = NO_VERSION;

    /** The drift reported and not yet resolved, or null. */
    OpenDrift drift;

    /**
     * The registered tolerance timer, {@link #NO_TIMER} when none, {@link #CHECK_QUEUED} while queued in memory. It may
     * outlive the divergence it was armed for (it is not deleted when the sides agree again); when it fires it reports
     * what is due and re-arms for what is pending.
     */
    long toleranceTimerMillis = NO_TIMER;
    /** Timer that forgets the key once it has been idle for the retention period. */
    long cleanupTimerMillis;

    long lastEventMillis;

    KeyState(String[] keyColumns) {
        this.keyColumns = Objects.requireNonNull(keyColumns, "keyColumns");
    }

    /**
     * The detector's settings and clock that the transitions depend on.
     *
     * @param watchingSinceMillis when the detector started watching (see {@link #dueAt})
     */
    record Timing(long toleranceMillis, long retentionMillis, long watchingSinceMillis) {}

    /**
     * What an event did to the key.
     *
     * @param lagMillis the replication lag, if {@code lagMeasured}: the sides just became equal on the same version
     * @param resolved the drift that the event resolved, or null
     * @param checkDropped the key agreed again while its check waited in the detector's queue: drop it from there
     * @param checkNeeded a divergence waits to be reported and has no timer yet: queue it or arm its timer
     */
    record EventOutcome(
            boolean lagMeasured, long lagMillis, OpenDrift resolved, boolean checkDropped, boolean checkNeeded) {}

    /** A report of the pending divergence: {@code opened} a new drift, or updated the open one. */
    record Report(Verdict verdict, boolean opened) {}

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

    /** Whether a divergence waits to be reported. */
    boolean pending() {
        return pendingSinceMillis != NOT_PENDING;
    }

    /** Whether a tolerance timer is registered or a check is queued for it. */
    boolean awaitsCheck() {
        return toleranceTimerMillis != NO_TIMER;
    }

    boolean checkQueued() {
        return toleranceTimerMillis == CHECK_QUEUED;
    }

    /** Whether any divergence field is set (the key state layout writes them only then). */
    boolean hasDivergenceFields() {
        return diverged() || pending() || divergenceSourceLsn != NO_VERSION || divergenceTargetLsn != NO_VERSION;
    }

    /** Whether a change of {@code side} at {@code lsn} is a duplicate or stale: at or below the side's stored LSN. */
    boolean isStale(Side side, long lsn) {
        SideVersion previous = version(side);
        return previous != null && lsn <= previous.lsn;
    }

    /** A new key: its cleanup timer is due the retention from {@code now}; returns that time. */
    long scheduleCleanup(long now, Timing timing) {
        cleanupTimerMillis = now + timing.retentionMillis();
        return cleanupTimerMillis;
    }

    /** Takes {@code version} as {@code side}'s latest (an event at {@code now}) and re-evaluates the key. */
    EventOutcome onEvent(Side side, SideVersion version, long now) {
        setVersion(side, version);
        lastEventMillis = now;
        return Comparison.agree(source, target) ? onAgreement() : onDisagreement(now);
    }

    private EventOutcome onAgreement() {
        // Only when the sides just became equal do they hold the same version: an update that changes nothing keeps
        // them "equal" while one side is a version ahead.
        boolean lagMeasured =
                source != null && target != null && diverged() && !source.fromSnapshot() && !target.fromSnapshot();
        long lagMillis = lagMeasured ? ReplicationLag.millis(source, target) : 0;
        shareAgreedContent();
        // A registered tolerance timer stays: deleting costs as much as letting it fire, and a key that diverges again
        // soon (a hot key) reuses it. A queued check costs nothing to drop.
        boolean checkDropped = checkQueued();
        if (checkDropped) {
            toleranceTimerMillis = NO_TIMER;
        }
        divergedAtMillis = NOT_DIVERGED;
        pendingSinceMillis = NOT_PENDING;
        divergenceSourceLsn = NO_VERSION;
        divergenceTargetLsn = NO_VERSION;
        OpenDrift resolved = drift;
        drift = null;
        return new EventOutcome(lagMeasured, lagMillis, resolved, checkDropped, false);
    }

    private EventOutcome onDisagreement(long now) {
        if (!diverged()) {
            divergedAtMillis = now;
            divergenceSourceLsn = source == null ? NO_VERSION : source.lsn;
            divergenceTargetLsn = target == null ? NO_VERSION : target.lsn;
        }
        if (drift != null && drift.reports(Comparison.compare(source, target))) {
            pendingSinceMillis = NOT_PENDING;
        } else if (!pending()) {
            pendingSinceMillis = now;
        }
        return new EventOutcome(false, 0, null, false, pending() && !awaitsCheck());
    }

    /**
     * Two live versions with the same content (see {@link Comparison#sameContent}) keep it once: a settled key then
     * holds (and checkpoints) its columns once.
     */
    private void shareAgreedContent() {
        if (source != null
                && target != null
                && !target.sharesContentWith(source)
                && Comparison.sameContent(source, target)) {
            target = target.withContentOf(source);
        }
    }

    /**
     * When the pending divergence is reported if it lasts: a tolerance after it was first seen, or after the detector
     * started watching if that is later (while it was down nobody could see the other side catch up).
     */
    long dueAt(Timing timing) {
        return Math.max(pendingSinceMillis, timing.watchingSinceMillis()) + timing.toleranceMillis();
    }

    /** The check of a divergence waits in the detector's queue instead of a timer. */
    void queueCheck() {
        toleranceTimerMillis = CHECK_QUEUED;
    }

    /** The queued check leaves the queue: the key needs a timer now if it still has a pending divergence. */
    void unqueueCheck() {
        toleranceTimerMillis = NO_TIMER;
    }

    /**
     * While a divergence is pending and neither a timer nor a queued check awaits it, takes the time it is due (not in
     * the past) as its tolerance timer and returns it, for the detector to register; {@link #NO_TIMER} otherwise. An
     * earlier registered timer fires no later than this one would, and re-arms itself then.
     */
    long armToleranceTimer(long now, Timing timing) {
        if (!pending() || awaitsCheck()) {
            return NO_TIMER;
        }
        toleranceTimerMillis = Math.max(dueAt(timing), now + 1);
        return toleranceTimerMillis;
    }

    boolean isToleranceTimer(long firedAt) {
        return firedAt == toleranceTimerMillis;
    }

    /** The tolerance timer fired: whether the pending divergence is due to be reported now. */
    boolean onToleranceTimer(long now, Timing timing) {
        toleranceTimerMillis = NO_TIMER;
        return pending() && dueAt(timing) <= now;
    }

    /**
     * The sides have disagreed for the tolerance: opens a drift (its id made of the migration, the key and the LSNs when
     * the divergence began) or updates the open one to what differs now.
     */
    Report report(String migration, String key, long now) {
        pendingSinceMillis = NOT_PENDING;
        Verdict verdict = Comparison.compare(source, target);
        boolean opened = drift == null;
        drift = opened
                ? new OpenDrift(
                        DriftIds.of(migration, key, divergenceSourceLsn, divergenceTargetLsn),
                        verdict.kind(),
                        verdict.columns(),
                        divergedAtMillis,
                        now)
                : drift.updatedTo(verdict, now);
        return new Report(verdict, opened);
    }

    boolean isCleanupTimer(long firedAt) {
        return firedAt == cleanupTimerMillis;
    }

    /**
     * The cleanup timer fired: true if the key is to be forgotten (idle for the retention, agreeing, no open drift);
     * otherwise the key takes the time to look again as its cleanup timer, for the detector to register. An open
     * drift is never forgotten silently.
     */
    boolean onCleanupTimer(long now, Timing timing) {
        boolean idle = lastEventMillis + timing.retentionMillis() <= now;
        if (idle && drift == null && !diverged()) {
            return true;
        }
        cleanupTimerMillis = Math.max(lastEventMillis + timing.retentionMillis(), now + 1);
        return false;
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
