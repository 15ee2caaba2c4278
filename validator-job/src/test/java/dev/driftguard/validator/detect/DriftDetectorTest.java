package dev.driftguard.validator.detect;

import static dev.driftguard.validator.TestChanges.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.KeyPart;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.row.TableId;
import dev.driftguard.validator.TestChanges;
import dev.driftguard.validator.ValidatorOptions;
import dev.driftguard.validator.status.PartialStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every transition of the detector in Flink's operator test harness. Times: tolerance 10 s, idle-key retention 60 s;
 * events start at t = 1 000 ms. "No state left" means no keyed state entry and no timer.
 */
class DriftDetectorTest {

    private static final long T0 = 1_000;
    private static final long STATUS_INTERVAL = 1_000;
    private static final long TOLERANCE = 10_000;
    private static final long RETENTION = 60_000;

    private final TestChanges src = TestChanges.source();
    private final TestChanges tgt = TestChanges.target();
    private DetectorHarness detector;

    private static ValidatorOptions options(boolean privacyMode) {
        return ValidatorOptions.builder(TestChanges.MIGRATION)
                .tolerance(Duration.ofMillis(TOLERANCE))
                .idleKeyRetention(Duration.ofMillis(RETENTION))
                .statusInterval(Duration.ofMillis(STATUS_INTERVAL))
                .lagWindow(Duration.ofMinutes(1))
                .privacyMode(privacyMode)
                .build();
    }

    @BeforeEach
    void start() throws Exception {
        detector = DetectorHarness.start(options(false)).at(T0);
    }

    @AfterEach
    void stop() throws Exception {
        detector.close();
    }

    @Test
    void equalSidesReportNothingAndTheKeyIsForgottenWhenIdle() throws Exception {
        detector.source(src.insert(1, 100, "id", "1", "status", "new"));
        detector.target(tgt.insert(1, 500, "id", "1", "status", "new"));

        // The tolerance timer armed while only the source had the row is not deleted; it fires and finds nothing.
        detector.at(T0 + TOLERANCE);
        assertThat(detector.timers()).as("only the idle-key cleanup timer").isEqualTo(1);
        detector.at(T0 + RETENTION - 1);
        assertThat(detector.keyedStateEntries()).isEqualTo(1);
        detector.at(T0 + RETENTION);

        assertThat(detector.newDrifts()).isEmpty();
        assertNoStateLeft();
    }

    @Test
    void aTargetThatCatchesUpWithinTheToleranceIsNotReported() throws Exception {
        detector.source(src.insert(1, 100, "id", "1", "status", "new"));
        detector.target(tgt.insert(1, 500, "id", "1", "status", "new"));
        detector.at(T0 + 1_000).source(src.update(1, 200, "id", "1", "status", "paid"));
        detector.at(T0 + 1_000 + TOLERANCE - 1).target(tgt.update(1, 600, "id", "1", "status", "paid"));

        detector.at(T0 + 5 * TOLERANCE);
        assertThat(detector.newDrifts()).isEmpty();
        assertThat(detector.timers()).as("only the idle-key cleanup timer").isEqualTo(1);
        detector.at(T0 + 1_000 + TOLERANCE + RETENTION);
        assertNoStateLeft();
    }

    @Test
    void aDivergenceThatEndsWithinAFewHundredMillisecondsNeedsNoTimer() throws Exception {
        detector.source(src.insert(1, 100, "id", "1", "status", "new"));
        detector.target(tgt.insert(1, 500, "id", "1", "status", "new"));
        detector.source(src.update(1, 200, "id", "1", "status", "paid"));
        detector.target(tgt.update(1, 600, "id", "1", "status", "paid"));

        detector.at(T0 + 2_000);
        assertThat(detector.timers()).as("only the idle-key cleanup timer").isEqualTo(1);
        detector.at(T0 + 2 * TOLERANCE);
        assertThat(detector.newDrifts()).isEmpty();
    }

    @Test
    void aDivergenceCheckpointedBeforeItHasATimerIsReportedAfterARestore() throws Exception {
        detector.source(src.insert(1, 100, "id", "1"));
        OperatorSubtaskState checkpoint = detector.snapshot(1);
        detector.close();

        detector = DetectorHarness.start(options(false), new HashMapStateBackend(), checkpoint)
                .at(T0 + TOLERANCE - 1);
        assertThat(detector.newDrifts()).isEmpty();
        detector.at(T0 + TOLERANCE);
        assertThat(single(detector.newDrifts()).getKind()).isEqualTo(DriftKind.MISSING_ON_TARGET);
    }

    @Test
    void aDivergenceRestoredAfterADowntimeGetsTheFullToleranceFromTheRestartForTheOtherSideToCatchUp()
            throws Exception {
        detector.source(src.insert(1, 100, "id", "1", "status", "new"));
        detector.target(tgt.insert(1, 500, "id", "1", "status", "new"));
        detector.at(T0 + 1_000).source(src.update(1, 200, "id", "1", "status", "paid"));
        OperatorSubtaskState checkpoint = detector.snapshot(1);
        detector.close();

        // Back after a downtime longer than the tolerance; the target's backlog arrives shortly after the restart.
        long restart = T0 + 10 * TOLERANCE;
        detector = DetectorHarness.restartedAt(options(false), checkpoint, restart);
        detector.at(restart + 1_000).target(tgt.update(1, 600, "id", "1", "status", "paid"));
        detector.at(restart + 2 * TOLERANCE);
        assertThat(detector.newDrifts()).isEmpty();
    }

    @Test
    void aDivergenceRestoredAfterADowntimeIsReportedATolerancePastTheRestartWithItsFirstSeenTime() throws Exception {
        detector.source(src.insert(1, 100, "id", "1"));
        OperatorSubtaskState checkpoint = detector.snapshot(1);
        detector.close();

        long restart = T0 + 10 * TOLERANCE;
        detector = DetectorHarness.restartedAt(options(false), checkpoint, restart);
        detector.at(restart + TOLERANCE - 1);
        assertThat(detector.newDrifts()).isEmpty();
        detector.at(restart + TOLERANCE);
        DriftEvent drift = single(detector.newDrifts());
        assertThat(drift.getKind()).isEqualTo(DriftKind.MISSING_ON_TARGET);
        assertThat(drift.getFirstSeenMicros().toEpochMilli()).isEqualTo(T0);
    }

    @Test
    void aNewDivergenceGetsTheFullToleranceEvenWhenAnEarlierTimerIsStillPending() throws Exception {
        detector.source(src.insert(1, 100, "id", "1", "n", "1"));
        detector.target(tgt.insert(1, 500, "id", "1", "n", "1"));
        detector.at(T0 + 2 * TOLERANCE);
        long start = T0 + 2 * TOLERANCE;
        detector.source(src.update(1, 200, "id", "1", "n", "2"));
        detector.at(start + 1_000).target(tgt.update(1, 600, "id", "1", "n", "2"));
        // Diverges again shortly before the first (now obsolete) timer fires; the target never follows.
        detector.at(start + TOLERANCE - 1_000).source(src.update(1, 300, "id", "1", "n", "3"));

        detector.at(start + 2 * TOLERANCE - 1_001);
        assertThat(detector.newDrifts()).isEmpty();
        detector.at(start + 2 * TOLERANCE - 1_000);
        DriftEvent drift = single(detector.newDrifts());
        assertThat(drift.getFirstSeenMicros().toEpochMilli()).isEqualTo(start + TOLERANCE - 1_000);
        assertThat(drift.getColumns()).containsExactly("n");
    }

    @Test
    void aDifferencePastTheToleranceIsAValueMismatchWithColumnsValuesAndPositions() throws Exception {
        detector.source(src.insert(1, 100, "amount", "10", "id", "1", "status", "new"));
        detector.target(tgt.insert(1, 500, "amount", "10", "id", "1", "status", "new"));
        detector.at(T0 + 2_000).source(src.update(1, 200, "amount", "12", "id", "1", "status", "paid"));
        detector.target(tgt.update(1, 600, "amount", "10", "id", "1", "status", "paid"));

        detector.at(T0 + 2_000 + TOLERANCE - 1);
        assertThat(detector.newDrifts()).isEmpty();
        detector.at(T0 + 2_000 + TOLERANCE);

        DriftEvent drift = single(detector.newDrifts());
        assertThat(drift.getKind()).isEqualTo(DriftKind.VALUE_MISMATCH);
        assertThat(drift.getColumns()).containsExactly("amount");
        assertThat(drift.getMigration()).isEqualTo(TestChanges.MIGRATION);
        assertThat(drift.getSchema$()).isEqualTo("public");
        assertThat(drift.getTable()).isEqualTo("orders");
        assertThat(drift.getKey()).containsExactly(new KeyPart("id", "1"));
        assertThat(drift.getSourceValues()).isEqualTo(Map.of("amount", "12"));
        assertThat(drift.getTargetValues()).isEqualTo(Map.of("amount", "10"));
        assertThat(drift.getSourcePosition()).isEqualTo(TestChanges.position(200));
        assertThat(drift.getTargetPosition()).isEqualTo(TestChanges.position(600));
        assertThat(drift.getFirstSeenMicros().toEpochMilli()).isEqualTo(T0 + 2_000);
        assertThat(drift.getDetectedAtMicros().toEpochMilli()).isEqualTo(T0 + 2_000 + TOLERANCE);
        assertThat(drift.getResolvedAtMicros()).isNull();
        assertThat(drift.getDriftId()).hasSize(32);

        // An open drift is never forgotten, however long the key stays idle.
        detector.at(T0 + 10 * RETENTION);
        assertThat(detector.keyedStateEntries()).isEqualTo(1);
        assertThat(detector.newDrifts()).isEmpty();
    }

    @Test
    void convergingAfterAReportedDriftEmitsResolvedWithTheSameId() throws Exception {
        detector.source(src.insert(1, 100, "id", "1", "status", "paid"));
        detector.target(tgt.insert(1, 500, "id", "1", "status", "new"));
        detector.at(T0 + TOLERANCE);
        DriftEvent drift = single(detector.newDrifts());

        detector.at(T0 + TOLERANCE + 5_000).target(tgt.update(1, 600, "id", "1", "status", "paid"));

        DriftEvent resolved = single(detector.newDrifts());
        assertThat(resolved.getKind()).isEqualTo(DriftKind.RESOLVED);
        assertThat(resolved.getDriftId()).isEqualTo(drift.getDriftId());
        assertThat(resolved.getResolvedAtMicros().toEpochMilli()).isEqualTo(T0 + TOLERANCE + 5_000);
        assertThat(resolved.getFirstSeenMicros()).isEqualTo(drift.getFirstSeenMicros());
        assertThat(resolved.getTargetPosition()).isEqualTo(TestChanges.position(600));
        assertThat(resolved.getColumns()).isEmpty();
        detector.at(T0 + TOLERANCE + 5_000 + RETENTION);
        assertNoStateLeft();
    }

    @Test
    void aDeleteOnlyOnTheSourceLeavesARowExtraOnTheTargetUntilTheTargetDeletesToo() throws Exception {
        detector.source(src.insert(1, 100, "id", "1"));
        detector.target(tgt.insert(1, 500, "id", "1"));
        detector.source(src.delete(1, 200));
        detector.at(T0 + TOLERANCE);

        DriftEvent drift = single(detector.newDrifts());
        assertThat(drift.getKind()).isEqualTo(DriftKind.EXTRA_ON_TARGET);
        assertThat(drift.getColumns()).isEmpty();
        assertThat(drift.getSourceValues()).isNull();
        assertThat(drift.getTargetValues()).isEqualTo(Map.of("id", "1"));

        detector.target(tgt.delete(1, 600));
        assertThat(single(detector.newDrifts()).getKind()).isEqualTo(DriftKind.RESOLVED);
        detector.at(T0 + TOLERANCE + RETENTION);
        assertNoStateLeft();
    }

    @Test
    void aDeleteOnlyOnTheTargetIsMissingOnTarget() throws Exception {
        detector.source(src.insert(1, 100, "id", "1", "note", "x"));
        detector.target(tgt.insert(1, 500, "id", "1", "note", "x"));
        detector.target(tgt.delete(1, 600));
        detector.at(T0 + TOLERANCE);

        DriftEvent drift = single(detector.newDrifts());
        assertThat(drift.getKind()).isEqualTo(DriftKind.MISSING_ON_TARGET);
        assertThat(drift.getSourceValues()).isEqualTo(Map.of("id", "1", "note", "x"));
        assertThat(drift.getTargetValues()).isNull();
    }

    @Test
    void aRowInsertedOnlyOnTheTargetIsExtraOnTarget() throws Exception {
        detector.target(tgt.insert(7, 500, "id", "7", "status", "rogue"));
        detector.at(T0 + TOLERANCE);

        DriftEvent drift = single(detector.newDrifts());
        assertThat(drift.getKind()).isEqualTo(DriftKind.EXTRA_ON_TARGET);
        assertThat(drift.getKey()).containsExactly(new KeyPart("id", "7"));
        assertThat(drift.getSourcePosition()).isNull();
        assertThat(drift.getTargetPosition()).isEqualTo(TestChanges.position(500));
        assertThat(drift.getTargetValues()).isEqualTo(Map.of("id", "7", "status", "rogue"));

        detector.target(tgt.delete(7, 600));
        assertThat(single(detector.newDrifts()).getKind()).isEqualTo(DriftKind.RESOLVED);
        detector.at(T0 + TOLERANCE + RETENTION);
        assertNoStateLeft();
    }

    @Test
    void aRowInsertedOnlyOnTheSourceIsMissingOnTarget() throws Exception {
        detector.source(src.insert(3, 100, "id", "3"));
        detector.at(T0 + TOLERANCE);

        assertThat(single(detector.newDrifts()).getKind()).isEqualTo(DriftKind.MISSING_ON_TARGET);
    }

    @Test
    void aDeleteOfARowNeverSeenOnTheSourceLeavesItExtraOnTheTarget() throws Exception {
        detector.source(src.delete(5, 100));
        detector.at(T0 + TOLERANCE);

        DriftEvent drift = single(detector.newDrifts());
        assertThat(drift.getKind()).isEqualTo(DriftKind.EXTRA_ON_TARGET);
        assertThat(drift.getTargetPosition()).as("the target was never seen").isNull();

        detector.target(tgt.delete(5, 500));
        assertThat(single(detector.newDrifts()).getKind()).isEqualTo(DriftKind.RESOLVED);
    }

    @Test
    void aRowInsertedAndDeletedOnOneSideBeforeTheOtherSideSawItIsNoDrift() throws Exception {
        detector.source(src.insert(6, 100, "id", "6"));
        detector.source(src.delete(6, 200));
        detector.at(T0 + 2 * TOLERANCE);

        assertThat(detector.newDrifts()).isEmpty();
        detector.target(tgt.insert(6, 500, "id", "6"));
        detector.target(tgt.delete(6, 600));
        detector.at(T0 + 4 * TOLERANCE);
        assertThat(detector.newDrifts()).isEmpty();
        detector.at(T0 + 2 * TOLERANCE + RETENTION);
        assertNoStateLeft();
    }

    @Test
    void anUpdateOfAKeyNotSeenOnTheOtherSideIsAValueMismatchWithoutColumns() throws Exception {
        detector.target(tgt.update(4, 500, "id", "4", "status", "changed-on-target"));
        detector.at(T0 + TOLERANCE);

        DriftEvent drift = single(detector.newDrifts());
        assertThat(drift.getKind()).isEqualTo(DriftKind.VALUE_MISMATCH);
        assertThat(drift.getColumns()).as("the source version is unknown").isEmpty();
        assertThat(drift.getTargetValues()).isEqualTo(Map.of("id", "4", "status", "changed-on-target"));
    }

    @Test
    void duplicatesAndStaleEventsAreIgnoredByLsn() throws Exception {
        detector.source(src.insert(1, 100, "id", "1", "status", "new"));
        detector.target(tgt.insert(1, 500, "id", "1", "status", "new"));
        detector.source(src.update(1, 200, "id", "1", "status", "paid"));
        detector.target(tgt.update(1, 600, "id", "1", "status", "paid"));
        // At-least-once capture replays: the same LSNs again, then an older version.
        detector.at(T0 + 30_000);
        detector.source(src.update(1, 200, "id", "1", "status", "paid"));
        detector.source(src.insert(1, 100, "id", "1", "status", "new"));
        detector.target(tgt.insert(1, 500, "id", "1", "status", "new"));

        detector.at(T0 + 30_000 + TOLERANCE);
        assertThat(detector.newDrifts()).isEmpty();
        assertThat(detector.timers()).as("only the idle-key cleanup timer").isEqualTo(1);
        PartialStatus partial = detector.latestPartial("public", "orders");
        assertThat(partial.duplicatesIgnored).isEqualTo(3);
        assertThat(partial.eventsSource).isEqualTo(2);
        assertThat(partial.eventsTarget).isEqualTo(2);
        detector.at(T0 + 30_000 + RETENTION);
        assertNoStateLeft();
    }

    @Test
    void aTargetEventProcessedBeforeTheSourceEventOfTheSameVersionIsNotADrift() throws Exception {
        detector.source(src.insert(1, 100, "id", "1", "status", "new"));
        detector.target(tgt.insert(1, 140, "id", "1", "status", "new"));
        detector.at(T0 + 1_000);
        detector.target(tgt.update(1, 260, "id", "1", "status", "paid"));
        detector.at(T0 + 1_000 + TOLERANCE - 1);
        detector.source(src.update(1, 200, "id", "1", "status", "paid"));
        detector.target(tgt.insert(2, 300, "id", "2"));
        detector.source(src.insert(2, 250, "id", "2"));

        detector.at(T0 + 5 * TOLERANCE);
        assertThat(detector.newDrifts()).isEmpty();
        detector.at(T0 + 1_000 + TOLERANCE + RETENTION);
        assertNoStateLeft();
    }

    @Test
    void lagIsTheCommitTimeDifferenceOfTheSameVersion() throws Exception {
        // Commit time = base + LSN ms: lags 40 and 60 ms (the target processed first).
        detector.source(src.insert(1, 100, "id", "1", "status", "new"));
        detector.target(tgt.insert(1, 140, "id", "1", "status", "new"));
        detector.target(tgt.update(1, 260, "id", "1", "status", "paid"));
        detector.source(src.update(1, 200, "id", "1", "status", "paid"));
        // Updates that change nothing: the sides stay equal whichever arrives first, so no sample (it would pair
        // one side's version with the other side's previous one).
        detector.target(tgt.update(1, 900, "id", "1", "status", "paid"));
        detector.source(src.update(1, 300, "id", "1", "status", "paid"));
        // Snapshot rows say nothing about replication lag.
        detector.source(src.snapshot(2, 50, "id", "2"));
        detector.target(tgt.snapshot(2, 900, "id", "2"));
        detector.at(T0 + 1_000);

        PartialStatus partial = detector.latestPartial("public", "orders");
        assertThat(partial.lagCounts).containsExactly(1, 1);
        assertThat(partial.lagMax).isEqualTo(60);
    }

    @Test
    void aTargetStampedWithTheSourcesCommitTimeHasItsCaptureTimeAsLag() throws Exception {
        // A PostgreSQL subscriber commits applied transactions with the origin's commit timestamp.
        RowChange replicated = tgt.insert(1, 180, "id", "1");
        replicated.getPosition().setCommitTimeMicros(TestChanges.position(100).getCommitTimeMicros());
        detector.source(src.insert(1, 100, "id", "1"));
        detector.target(replicated);
        detector.at(T0 + 1_000);

        PartialStatus partial = detector.latestPartial("public", "orders");
        assertThat(partial.lagMax)
                .as("capture time 180 ms minus commit time 100 ms")
                .isEqualTo(80);
    }

    @Test
    void unknownToastValuesNeverCountAsDifferences() throws Exception {
        detector.source(src.insert(1, 100, "doc", UNKNOWN, "id", "1", "status", "new"));
        detector.target(tgt.insert(1, 500, "doc", "a long document", "id", "1", "status", "new"));
        detector.at(T0 + 2 * TOLERANCE);

        assertThat(detector.newDrifts()).isEmpty();
        assertThat(detector.timers()).as("only the idle-key cleanup timer").isEqualTo(1);
    }

    @Test
    void anUnknownToastValueTakesThePreviousVersionsValueOfItsSide() throws Exception {
        detector.source(src.insert(1, 100, "doc", "source text", "id", "1", "n", "1"));
        detector.target(tgt.insert(1, 500, "doc", "target text", "id", "1", "n", "1"));
        // Both sides update n and leave the TOASTed doc unchanged: the earlier doc difference still holds.
        detector.source(src.update(1, 200, "doc", UNKNOWN, "id", "1", "n", "2"));
        detector.target(tgt.update(1, 600, "doc", UNKNOWN, "id", "1", "n", "2"));
        detector.at(T0 + TOLERANCE);

        DriftEvent drift = single(detector.newDrifts());
        assertThat(drift.getColumns()).containsExactly("doc");
        assertThat(drift.getSourceValues()).isEqualTo(Map.of("doc", "source text"));
        assertThat(drift.getTargetValues()).isEqualTo(Map.of("doc", "target text"));
    }

    @Test
    void anOpenDriftIsReportedAgainWithTheSameIdWhenItsKindChanges() throws Exception {
        detector.source(src.insert(1, 100, "id", "1", "status", "new"));
        detector.at(T0 + TOLERANCE);
        DriftEvent missing = single(detector.newDrifts());
        assertThat(missing.getKind()).isEqualTo(DriftKind.MISSING_ON_TARGET);

        detector.at(T0 + TOLERANCE + 1_000).target(tgt.insert(1, 500, "id", "1", "status", "other"));
        detector.at(T0 + 2 * TOLERANCE + 1_000);

        DriftEvent mismatch = single(detector.newDrifts());
        assertThat(mismatch.getKind()).isEqualTo(DriftKind.VALUE_MISMATCH);
        assertThat(mismatch.getColumns()).containsExactly("status");
        assertThat(mismatch.getDriftId()).isEqualTo(missing.getDriftId());
        assertThat(mismatch.getFirstSeenMicros()).isEqualTo(missing.getFirstSeenMicros());
        PartialStatus partial = detector.latestPartial("public", "orders");
        assertThat(partial.openDrifts).isEqualTo(1);
        assertThat(partial.driftsDetected).isEqualTo(1);
    }

    @Test
    void privacyModeComparesByHashAndReportsNoValues() throws Exception {
        detector.close();
        detector = DetectorHarness.start(options(true)).at(T0);
        TestChanges hashedSource = TestChanges.of(TestChanges.MIGRATION, Side.SOURCE, true);
        TestChanges hashedTarget = TestChanges.of(TestChanges.MIGRATION, Side.TARGET, true);
        detector.source(hashedSource.insert(1, 100, "id", "1", "ssn", "123-45-6789"));
        detector.target(hashedTarget.insert(1, 500, "id", "1", "ssn", "123-45-6780"));
        detector.source(hashedSource.insert(2, 110, "id", "2", "ssn", "same"));
        detector.target(hashedTarget.insert(2, 510, "id", "2", "ssn", "same"));
        detector.at(T0 + TOLERANCE);

        DriftEvent drift = single(detector.newDrifts());
        assertThat(drift.getKey()).containsExactly(new KeyPart("id", "1"));
        assertThat(drift.getColumns()).containsExactly("ssn");
        assertThat(drift.getSourceValues()).isNull();
        assertThat(drift.getTargetValues()).isNull();
    }

    @Test
    void privacyModeKeepsNoValuesInStateEvenWhenCaptureSendsThem() throws Exception {
        detector.close();
        detector = DetectorHarness.start(options(true)).at(T0);
        detector.source(src.insert(1, 100, "id", "1", "ssn", "123-45-6789"));
        detector.at(T0 + TOLERANCE);

        DriftEvent drift = single(detector.newDrifts());
        assertThat(drift.getKind()).isEqualTo(DriftKind.MISSING_ON_TARGET);
        assertThat(drift.getSourceValues()).isNull();
    }

    @Test
    void truncateIsCountedAndKeepsNoState() throws Exception {
        detector.source(src.truncate(100));
        detector.at(T0 + 1_000);

        assertThat(detector.newDrifts()).isEmpty();
        assertThat(detector.latestPartial("public", "orders").truncatesIgnored).isEqualTo(1);
        assertNoStateLeft();
    }

    @Test
    void aRecordOfTheWrongSideFailsLoudly() {
        assertThatThrownBy(() -> detector.source(tgt.insert(1, 100, "id", "1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TARGET change of public.orders arrived on the SOURCE input");
    }

    @Test
    void aRecordOfAnotherMigrationFailsLoudly() {
        TestChanges other = TestChanges.of("other-migration", Side.SOURCE, false);
        assertThatThrownBy(() -> detector.source(other.insert(1, 100, "id", "1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("migration 'other-migration'");
    }

    @Test
    void statusPartialsCountEventsKeysAndDriftsPerTable() throws Exception {
        detector.source(src.insert(1, 100, "id", "1"));
        detector.target(tgt.insert(1, 500, "id", "1"));
        detector.source(src.insert(2, 110, "id", "2"));
        TestChanges customers = TestChanges.source().table(new TableId("crm", "customers"));
        detector.source(customers.insert(9, 120, "id", "9"));
        detector.at(T0 + TOLERANCE);
        assertThat(detector.newDrifts())
                .as("key 2 of orders and key 9 of customers")
                .hasSize(2);
        // A partial emitted at the very instant the drifts were reported may precede them: look at the next one.
        detector.at(T0 + TOLERANCE + STATUS_INTERVAL);

        PartialStatus orders = detector.latestPartial("public", "orders");
        assertThat(orders.eventsSource).isEqualTo(2);
        assertThat(orders.eventsTarget).isEqualTo(1);
        assertThat(orders.keysTracked).isEqualTo(2);
        assertThat(orders.openDrifts).isEqualTo(1);
        assertThat(orders.lastEventSourceMicros).isEqualTo((TestChanges.BASE_MILLIS + 110) * 1000);
        assertThat(orders.lastEventTargetMicros).isEqualTo((TestChanges.BASE_MILLIS + 500) * 1000);
        assertThat(detector.latestPartial("crm", "customers").openDrifts).isEqualTo(1);

        detector.at(T0 + TOLERANCE + RETENTION);
        assertThat(detector.latestPartial("public", "orders").keysTracked)
                .as("key 1 forgotten, key 2 holds an open drift")
                .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void pendingChecksAndOpenDriftsSurviveARestore(String backendName) throws Exception {
        detector.close();
        detector = DetectorHarness.start(options(false), backend(backendName), null)
                .at(T0);
        detector.source(src.insert(1, 100, "id", "1", "status", "paid"));
        detector.target(tgt.insert(1, 500, "id", "1", "status", "new"));
        detector.at(T0 + TOLERANCE);
        DriftEvent drift = single(detector.newDrifts());
        detector.source(src.insert(2, 110, "id", "2"));
        detector.source(src.insert(3, 120, "id", "3"));
        detector.target(tgt.insert(3, 520, "id", "3"));
        OperatorSubtaskState checkpoint = detector.snapshot(1);
        detector.close();

        detector = DetectorHarness.start(options(false), backend(backendName), checkpoint)
                .at(T0 + TOLERANCE);
        assertThat(detector.latestPartial("public", "orders").keysTracked).isEqualTo(3);
        detector.target(tgt.update(1, 600, "id", "1", "status", "paid"));
        DriftEvent resolved = single(detector.newDrifts());
        assertThat(resolved.getKind()).isEqualTo(DriftKind.RESOLVED);
        assertThat(resolved.getDriftId()).isEqualTo(drift.getDriftId());
        detector.at(T0 + 2 * TOLERANCE);
        DriftEvent missing = single(detector.newDrifts());
        assertThat(missing.getKind()).isEqualTo(DriftKind.MISSING_ON_TARGET);
        assertThat(missing.getKey()).containsExactly(new KeyPart("id", "2"));
        // A replay of events from before the checkpoint is recognised as duplicates.
        detector.target(tgt.insert(3, 520, "id", "3"));
        detector.at(T0 + 3 * TOLERANCE);
        assertThat(detector.newDrifts()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void stateKeyedByFlinksStringTypeRestores(String backendName) throws Exception {
        detector.close();
        detector = DetectorHarness.start(options(false), backend(backendName), null, Types.STRING)
                .at(T0);
        detector.source(src.insert(1, 100, "id", "1", "status", "paid"));
        detector.target(tgt.insert(1, 500, "id", "1", "status", "new"));
        detector.at(T0 + TOLERANCE);
        DriftEvent drift = single(detector.newDrifts());
        OperatorSubtaskState checkpoint = detector.snapshot(1);
        detector.close();

        detector = DetectorHarness.start(options(false), backend(backendName), checkpoint)
                .at(T0 + TOLERANCE);
        detector.target(tgt.update(1, 600, "id", "1", "status", "paid"));
        DriftEvent resolved = single(detector.newDrifts());
        assertThat(resolved.getKind()).isEqualTo(DriftKind.RESOLVED);
        assertThat(resolved.getDriftId()).isEqualTo(drift.getDriftId());
    }

    private static StateBackend backend(String name) {
        return name.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
    }

    private void assertNoStateLeft() {
        assertThat(detector.keyedStateEntries()).as("keyed state entries").isZero();
        assertThat(detector.timers()).as("pending timers").isZero();
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
