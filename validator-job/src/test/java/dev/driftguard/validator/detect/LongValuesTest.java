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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Values longer than {@link ValueCap#KEPT_BYTES}: kept as prefix, length and hash, still compared in full. */
class LongValuesTest {

    private static final long T0 = 1_000;
    private static final long TOLERANCE = 10_000;
    /** A 128 KB text, as a TOASTed column holds it. */
    private static final String LONG = "x".repeat(128 * 1024);

    private final TestChanges src = TestChanges.source();
    private final TestChanges tgt = TestChanges.target();
    private DetectorHarness detector;

    private void start(boolean privacyMode) throws Exception {
        detector = DetectorHarness.start(ValidatorOptions.builder(TestChanges.MIGRATION)
                        .tolerance(Duration.ofMillis(TOLERANCE))
                        .idleKeyRetention(Duration.ofMinutes(1))
                        .statusInterval(Duration.ofSeconds(1))
                        .privacyMode(privacyMode)
                        .build())
                .at(T0);
    }

    @AfterEach
    void stop() throws Exception {
        detector.close();
    }

    @Test
    void aDivergenceOnALongColumnIsReportedWithTheValuesTruncatedAndTheirHashes() throws Exception {
        start(false);
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

    @Test
    void aLongValueThatChangesOnlyAfterTheKeptPrefixIsStillDetected() throws Exception {
        start(false);
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

    @Test
    void equalLongValuesAreNoDrift() throws Exception {
        start(false);
        detector.source(src.insert(1, 100, "body", LONG, "id", "1"));
        detector.target(tgt.insert(1, 500, "body", LONG, "id", "1"));
        detector.at(T0 + TOLERANCE);

        assertThat(detector.newDrifts()).isEmpty();
    }

    @Test
    void anUnchangedToastValueTakesThePreviousCutValueAndTheKeyStillSettles() throws Exception {
        start(false);
        detector.source(src.insert(1, 100, "body", LONG, "id", "1", "status", "new"));
        detector.target(tgt.insert(1, 500, "body", LONG, "id", "1", "status", "new"));
        detector.source(src.update(1, 200, "body", UNKNOWN, "id", "1", "status", "paid"));
        detector.target(tgt.update(1, 600, "body", UNKNOWN, "id", "1", "status", "paid"));
        detector.at(T0 + 1_000).source(src.update(1, 300, "body", UNKNOWN, "id", "1", "status", "lost"));
        detector.at(T0 + 1_000 + TOLERANCE);

        DriftEvent drift = single(detector.newDrifts());
        assertThat(drift.getColumns()).containsExactly("status");
    }

    @Test
    void privacyModeDetectsAChangePastThePrefixByHashAndReportsNoValues() throws Exception {
        start(true);
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

    private static String hex(String text) {
        return HexFormat.of().toHexDigits(RowHash.hash64(text));
    }

    private static DriftEvent single(List<DriftEvent> drifts) {
        assertThat(drifts).hasSize(1);
        return drifts.get(0);
    }
}
