package dev.driftguard.validator.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.validator.TestChanges;
import org.junit.jupiter.api.Test;

/** The transitions of one key, without a Flink operator: what an event or a timer does to its state. */
class KeyStateTest {

    private static final long TOLERANCE = 10_000;
    private static final long RETENTION = 60_000;
    private static final KeyState.Timing TIMING = new KeyState.Timing(TOLERANCE, RETENTION, 0);
    private static final String KEY = DetectorKey.of("public", "orders", "1");

    private final TestChanges src = TestChanges.source();
    private final TestChanges tgt = TestChanges.target();
    private final KeyState state = new KeyState(new String[] {"id"});

    private KeyState.EventOutcome event(Side side, RowChange change, long now) {
        SideVersion version = new ToChangeEvent(TestChanges.MIGRATION, side, false)
                .map(change)
                .version
                .following(state.version(side));
        return state.onEvent(side, version, now);
    }

    private KeyState.EventOutcome source(RowChange change, long now) {
        return event(Side.SOURCE, change, now);
    }

    private KeyState.EventOutcome target(RowChange change, long now) {
        return event(Side.TARGET, change, now);
    }

    @Test
    void aChangeOnOneSideOnlyStartsADivergenceThatNeedsACheck() {
        KeyState.EventOutcome outcome = source(src.insert(1, 100, "id", "1", "v", "a"), 1_000);

        assertThat(outcome.checkNeeded()).isTrue();
        assertThat(state.diverged()).isTrue();
        assertThat(state.pending()).isTrue();
        assertThat(state.divergenceSourceLsn).isEqualTo(100);
        assertThat(state.divergenceTargetLsn).isEqualTo(KeyState.NO_VERSION);
    }

    @Test
    void aDivergenceWhoseCheckIsAlreadyQueuedNeedsNoOtherCheck() {
        source(src.insert(1, 100, "id", "1", "v", "a"), 1_000);
        state.queueCheck();

        assertThat(source(src.update(1, 200, "id", "1", "v", "b"), 1_100).checkNeeded())
                .isFalse();
    }

    @Test
    void theOtherSideCatchingUpEndsTheDivergenceDropsItsQueuedCheckAndMeasuresTheLag() {
        source(src.insert(1, 100, "id", "1", "v", "a"), 1_000);
        state.queueCheck();

        KeyState.EventOutcome outcome = target(tgt.insert(1, 500, "id", "1", "v", "a"), 1_200);

        assertThat(outcome.checkDropped()).isTrue();
        assertThat(outcome.lagMeasured()).isTrue();
        assertThat(outcome.resolved()).isNull();
        assertThat(state.diverged()).isFalse();
        assertThat(state.pending()).isFalse();
        assertThat(state.awaitsCheck()).isFalse();
        assertThat(state.target.sharesContentWith(state.source)).isTrue();
    }

    @Test
    void aDivergenceIsDueTheToleranceAfterItBeganAndItsTimerIsArmedThen() {
        source(src.insert(1, 100, "id", "1", "v", "a"), 1_000);

        assertThat(state.armToleranceTimer(1_500, TIMING)).isEqualTo(1_000 + TOLERANCE);
        assertThat(state.onToleranceTimer(1_000 + TOLERANCE - 1, TIMING)).isFalse();
        assertThat(state.onToleranceTimer(1_000 + TOLERANCE, TIMING)).isTrue();
    }

    @Test
    void aDivergenceRestoredFromBeforeTheDetectorStartedWatchingGetsItsFullToleranceFromThen() {
        source(src.insert(1, 100, "id", "1", "v", "a"), 1_000);

        assertThat(state.dueAt(new KeyState.Timing(TOLERANCE, RETENTION, 50_000)))
                .isEqualTo(50_000 + TOLERANCE);
    }

    @Test
    void aReportOpensADriftWhoseIdIsMadeOfTheLsnsWhereTheDivergenceBegan() {
        source(src.insert(1, 100, "id", "1", "v", "a"), 1_000);
        target(tgt.insert(1, 500, "id", "1", "v", "b"), 1_100);

        KeyState.Report report = state.report(TestChanges.MIGRATION, KEY, 11_000);

        assertThat(report.opened()).isTrue();
        assertThat(report.verdict().kind()).isEqualTo(DriftKind.VALUE_MISMATCH);
        assertThat(state.drift.id()).isEqualTo(DriftIds.of(TestChanges.MIGRATION, KEY, 100, KeyState.NO_VERSION));
        assertThat(state.drift.firstSeenMillis()).isEqualTo(1_000);
        assertThat(state.pending()).isFalse();
    }

    @Test
    void anOpenDriftIsResolvedByTheEventThatMakesTheSidesAgree() {
        source(src.insert(1, 100, "id", "1", "v", "a"), 1_000);
        state.report(TestChanges.MIGRATION, KEY, 11_000);
        OpenDrift open = state.drift;

        KeyState.EventOutcome outcome = target(tgt.insert(1, 500, "id", "1", "v", "a"), 12_000);

        assertThat(outcome.resolved()).isEqualTo(open);
        assertThat(state.drift).isNull();
    }

    @Test
    void anOpenDriftThatStillDiffersTheSameWayIsNotPendingAgain() {
        source(src.insert(1, 100, "id", "1", "v", "a"), 1_000);
        state.report(TestChanges.MIGRATION, KEY, 11_000);

        KeyState.EventOutcome outcome = source(src.update(1, 200, "id", "1", "v", "b"), 12_000);

        assertThat(state.pending()).isFalse();
        assertThat(outcome.checkNeeded()).isFalse();
    }

    @Test
    void changesAtOrBelowASidesStoredLsnAreStale() {
        source(src.insert(1, 100, "id", "1", "v", "a"), 1_000);

        assertThat(state.isStale(Side.SOURCE, 100)).isTrue();
        assertThat(state.isStale(Side.SOURCE, 99)).isTrue();
        assertThat(state.isStale(Side.SOURCE, 101)).isFalse();
        assertThat(state.isStale(Side.TARGET, 1)).isFalse();
    }

    @Test
    void anAgreeingKeyIdleForTheRetentionIsForgotten() {
        source(src.insert(1, 100, "id", "1", "v", "a"), 1_000);
        target(tgt.insert(1, 500, "id", "1", "v", "a"), 1_000);

        assertThat(state.onCleanupTimer(1_000 + RETENTION, TIMING)).isTrue();
    }

    @Test
    void aKeyUsedSinceItsCleanupWasScheduledIsLookedAtAgainARetentionAfterItsLastEvent() {
        source(src.insert(1, 100, "id", "1", "v", "a"), 1_000);
        target(tgt.insert(1, 500, "id", "1", "v", "a"), 5_000);

        assertThat(state.onCleanupTimer(1_000 + RETENTION, TIMING)).isFalse();
        assertThat(state.cleanupTimerMillis).isEqualTo(5_000 + RETENTION);
    }

    @Test
    void aKeyWithAnOpenDriftIsNeverForgotten() {
        source(src.insert(1, 100, "id", "1", "v", "a"), 1_000);
        state.report(TestChanges.MIGRATION, KEY, 11_000);

        assertThat(state.onCleanupTimer(1_000 + 10 * RETENTION, TIMING)).isFalse();
        assertThat(state.cleanupTimerMillis).isEqualTo(1_000 + 10 * RETENTION + 1);
    }
}
