package dev.driftguard.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    private static final Path REPORTS = Path.of("driftguard-reports");

    @Test
    void driftIsInjectedAThirdIntoTheWorkloadButNotBeforeThreeSeconds() {
        assertThat(options(Duration.ofSeconds(45)).injectAfter()).isEqualTo(Duration.ofSeconds(15));
        assertThat(options(Duration.ofSeconds(6)).injectAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void deadlinesAllowForToleranceAndCheckpoints() {
        DemoOptions options = options(Duration.ofSeconds(45));

        assertThat(options.detectionDeadline()).isEqualTo(Duration.ofSeconds(5 + 2 + 20));
        assertThat(options.resolutionDeadline()).isEqualTo(Duration.ofSeconds(2 + 20));
    }

    @Test
    void errorsNameTheOptionAndTheLimit() {
        assertThatThrownBy(() -> options(Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--workload-for 2 s is too short: use at least 5 s");
        assertThatThrownBy(() -> new DemoOptions(
                        Duration.ofSeconds(45), Duration.ofMillis(500), Duration.ofSeconds(2), 200, REPORTS, false))
                .hasMessage("--tolerance 500 ms is too short: use at least 1 s");
        assertThatThrownBy(() -> new DemoOptions(
                        Duration.ofSeconds(45), Duration.ofSeconds(5), Duration.ofSeconds(2), 0, REPORTS, false))
                .hasMessage("--rate 0 is out of range: use 1 to 5000 row changes per second");
    }

    private static DemoOptions options(Duration workloadFor) {
        return new DemoOptions(workloadFor, Duration.ofSeconds(5), Duration.ofSeconds(2), 200, REPORTS, false);
    }
}
