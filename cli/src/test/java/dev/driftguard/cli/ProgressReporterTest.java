package dev.driftguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.compare.CompareProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    private static CompareProgress progress(CompareProgress.Phase phase, long done) {
        return new CompareProgress(phase, 3, 1, 50, 20, 5_000_000, done, 1_000_000, Duration.ofSeconds(2));
    }

    @Test
    void lineShowsTablesRowsRateAndEta() {
        assertThat(ProgressReporter.line(progress(CompareProgress.Phase.COMPARING, 2_000_000)))
                .isEqualTo("comparing 40% | tables 1/3 | segments 20/50 | rows 2.0M/5.0M | 1.0M rows/s | ETA 0:03");
    }

    @Test
    void logModePrintsPlainLinesAtMostEveryIntervalButAlwaysTheLast() {
        StringWriter err = new StringWriter();
        try (ProgressReporter reporter = ProgressReporter.create(ProgressReporter.Mode.LOG, new PrintWriter(err))) {
            reporter.progress(progress(CompareProgress.Phase.COMPARING, 1));
            reporter.progress(progress(CompareProgress.Phase.COMPARING, 2));
            reporter.progress(progress(CompareProgress.Phase.DONE, 5_000_000));
        }
        assertThat(err.toString().lines())
                .hasSize(2)
                .allMatch(l -> l.startsWith("compare: "))
                .noneMatch(l -> l.contains("\r"));
    }

    @Test
    void barModeRedrawsInPlaceAndEndsTheLine() {
        StringWriter err = new StringWriter();
        try (ProgressReporter reporter = ProgressReporter.create(ProgressReporter.Mode.BAR, new PrintWriter(err))) {
            reporter.progress(progress(CompareProgress.Phase.COMPARING, 2_500_000));
        }
        assertThat(err.toString())
                .startsWith("\r[##########----------] comparing 50%")
                .endsWith("\n");
    }

    @Test
    void modesAreReadInAnyCase() {
        assertThat(ProgressReporter.MODE.parse("log")).isEqualTo(ProgressReporter.Mode.LOG);
        assertThat(ProgressReporter.MODE.parse(" Bar ")).isEqualTo(ProgressReporter.Mode.BAR);
        assertThatThrownBy(() -> ProgressReporter.MODE.parse("fancy"))
                .hasMessageContaining("is not one of auto|bar|log|none");
    }

    @Test
    void humanNumbers() {
        assertThat(ProgressReporter.human(999)).isEqualTo("999");
        assertThat(ProgressReporter.human(12_345)).isEqualTo("12k");
        assertThat(ProgressReporter.human(5_000_000)).isEqualTo("5.0M");
    }

    @Test
    void theEndShowsAHundredPercentAndTheRowsThereWereNotTheEstimate() {
        CompareProgress done =
                new CompareProgress(CompareProgress.Phase.DONE, 3, 3, 50, 50, 5_000_000, 4_950_000, 1e6, Duration.ZERO);
        assertThat(ProgressReporter.line(done)).startsWith("done 100% |").contains("rows 5.0M/5.0M");
    }

    @Test
    void noEtaBeforeFivePercentOrTenSeconds() {
        CompareProgress early = new CompareProgress(
                CompareProgress.Phase.COMPARING, 3, 0, 50, 1, 5_000_000, 10_000, 1e6, Duration.ofSeconds(1));
        assertThat(ProgressReporter.line(early)).endsWith("ETA -");
    }

    @Test
    void theRedrawnBarFitsAnEightyColumnTerminal() {
        StringWriter err = new StringWriter();
        try (ProgressReporter reporter = ProgressReporter.create(ProgressReporter.Mode.BAR, new PrintWriter(err))) {
            reporter.progress(progress(CompareProgress.Phase.COMPARING, 2_500_000));
        }
        String drawn = err.toString().replace("\r", "").replace("\033[K", "").strip();
        assertThat(drawn).hasSizeLessThan(80).endsWith("ETA 0:02");
        assertThat(ProgressReporter.fit("x".repeat(200), 80)).hasSize(79).endsWith("…");
    }
}
