package dev.driftguard.validator.detect;

import static dev.driftguard.validator.TestChanges.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.Side;
import dev.driftguard.row.RowHash;
import dev.driftguard.validator.TestChanges;
import dev.driftguard.validator.ValidatorOptions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values longer than {@link ValueCap#KEPT_BYTES}: kept as prefix, length and hash, still compared in full. */
class LongValuesTest {

    private static final long T0 = 1_000;
    private static final long TOLERANCE = 10_000;
    /** A 128 KB text, as a TOASTed column holds it. */
    private static final String LONG = "x".repeat(128 * 1024);

    private final TestChanges src = TestChanges.source();
    private final TestChanges tgt = TestChanges.target();
    private DetectorHarness detector;

    /**
     * On RocksDB every event reads the key's state back from its bytes, so both sides' columns stay encoded until a
     * comparison needs them ({@link ColumnContent}); on the heap they are the objects the events made.
     */
    private void start(String backend, boolean privacyMode) throws Exception {
        detector = DetectorHarness.start(
                        ValidatorOptions.builder(TestChanges.MIGRATION)
                                .tolerance(Duration.ofMillis(TOLERANCE))
                                .idleKeyRetention(Duration.ofMinutes(1))
                                .statusInterval(Duration.ofSeconds(1))
                                .privacyMode(privacyMode)
                                .build(),
                        backend.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend(),
                        null)
                .at(T0);
    }

    @AfterEach
    void stop() throws Exception {
        detector.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aDivergenceOnALongColumnIsReportedWithTheValuesTruncatedAndTheirHashes(String backend) throws Exception {
        start(backend, false);
        String sourceText = "source " + LONG;
        String targetText = "target " + LONG;
        detector.source(src.insert(1, 100, "body", sourceText, "id", "1"));
        detector.target(tgt.insert(1, 500, "body", targetText, "id", "1"));
        detector.at(T0 + TOLERANCE);

        DriftEvent drift = single(detector.newDrifts());
        assertThat(drift.getKind()).isEqualTo(DriftKind.VALUE_MISMATCH);
        assertThat(drift.getColumns()).containsExactly("body");
        String reportedSource = drift.getSourceValues().get("body");
        String reportedTarget = drift.getTargetValues().get("body");
        assertThat(reportedSource)
                .startsWith(sourceText.substring(0, ValueCap.KEPT_BYTES))
                .endsWith("…[truncated: " + sourceText.length() + " bytes in all, sha256 " + hex(sourceText) + "]")
                .hasSizeLessThan(ValueCap.KEPT_BYTES + 80);
        assertThat(reportedTarget)
                .startsWith(targetText.substring(0, ValueCap.KEPT_BYTES))
                .endsWith("…[truncated: " + targetText.length() + " bytes in all, sha256 " + hex(targetText) + "]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aLongValueThatChangesOnlyAfterTheKeptPrefixIsStillDetected(String backend) throws Exception {
        start(backend, false);
        detector.source(src.insert(1, 100, "body", LONG + "a", "id", "1"));
        detector.target(tgt.insert(1, 500, "body", LONG + "a", "id", "1"));
        detector.at(T0 + 1_000).source(src.update(1, 200, "body", LONG + "b", "id", "1"));
        detector.at(T0 + 1_000 + TOLERANCE);

        DriftEvent drift = single(detector.newDrifts());
        assertThat(drift.getColumns()).containsExactly("body");
        String reportedSource = drift.getSourceValues().get("body");
        String reportedTarget = drift.getTargetValues().get("body");
        assertThat(reportedSource).contains(hex(LONG + "b")).isNotEqualTo(reportedTarget);
        assertThat(reportedTarget).contains(hex(LONG + "a"));
        assertThat(reportedSource.substring(0, ValueCap.KEPT_BYTES))
                .isEqualTo(reportedTarget.substring(0, ValueCap.KEPT_BYTES));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void equalLongValuesAreNoDrift(String backend) throws Exception {
        start(backend, false);
        detector.source(src.insert(1, 100, "body", LONG, "id", "1"));
        detector.target(tgt.insert(1, 500, "body", LONG, "id", "1"));
        detector.at(T0 + TOLERANCE);

        assertThat(detector.newDrifts()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void anUnchangedToastValueTakesThePreviousCutValueAndTheKeyStillSettles(String backend) throws Exception {
        start(backend, false);
        detector.source(src.insert(1, 100, "body", LONG, "id", "1", "status", "new"));
        detector.target(tgt.insert(1, 500, "body", LONG, "id", "1", "status", "new"));
        detector.source(src.update(1, 200, "body", UNKNOWN, "id", "1", "status", "paid"));
        detector.target(tgt.update(1, 600, "body", UNKNOWN, "id", "1", "status", "paid"));
        detector.at(T0 + 1_000).source(src.update(1, 300, "body", UNKNOWN, "id", "1", "status", "lost"));
        detector.at(T0 + 1_000 + TOLERANCE);

        DriftEvent drift = single(detector.newDrifts());
        assertThat(drift.getColumns()).containsExactly("status");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void privacyModeDetectsAChangePastThePrefixByHashAndReportsNoValues(String backend) throws Exception {
        start(backend, true);
        TestChanges hashedSource = TestChanges.of(TestChanges.MIGRATION, Side.SOURCE, true);
        TestChanges hashedTarget = TestChanges.of(TestChanges.MIGRATION, Side.TARGET, true);
        detector.source(hashedSource.insert(1, 100, "body", LONG + "a", "id", "1"));
        detector.target(hashedTarget.insert(1, 500, "body", LONG + "b", "id", "1"));
        detector.at(T0 + TOLERANCE);

        DriftEvent drift = single(detector.newDrifts());
        assertThat(drift.getColumns()).containsExactly("body");
        assertThat(drift.getSourceValues()).isNull();
        assertThat(drift.getTargetValues()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aSettledKeyWhoseColumnsWereCarriedOverUndecodedStillReportsALongValueChangedPastThePrefix(String backend)
            throws Exception {
        start(backend, false);
        detector.source(src.insert(1, 100, "body", LONG + "a", "id", "1", "status", "new"));
        detector.target(tgt.insert(1, 500, "body", LONG + "a", "id", "1", "status", "new"));
        // Settles again by row hash alone: on RocksDB neither side's columns are decoded, they are carried over.
        detector.source(src.update(1, 200, "body", LONG + "a", "id", "1", "status", "paid"));
        detector.target(tgt.update(1, 600, "body", LONG + "a", "id", "1", "status", "paid"));
        detector.at(T0 + 1_000).source(src.update(1, 300, "body", LONG + "b", "id", "1", "status", "paid"));
        detector.at(T0 + 1_000 + TOLERANCE);

        DriftEvent drift = single(detector.newDrifts());
        assertThat(drift.getColumns()).containsExactly("body");
        assertThat(drift.getSourceValues().get("body"))
                .startsWith(LONG.substring(0, ValueCap.KEPT_BYTES))
                .endsWith("…[truncated: " + (LONG.length() + 1) + " bytes in all, sha256 " + hex(LONG + "b") + "]");
        assertThat(drift.getTargetValues().get("body"))
                .startsWith(LONG.substring(0, ValueCap.KEPT_BYTES))
                .endsWith("…[truncated: " + (LONG.length() + 1) + " bytes in all, sha256 " + hex(LONG + "a") + "]");
    }

    private static String hex(String text) {
        return HexFormat.of().toHexDigits(RowHash.hash64(text));
    }

    private static DriftEvent single(List<DriftEvent> drifts) {
        assertThat(drifts).hasSize(1);
        return drifts.get(0);
    }
}
