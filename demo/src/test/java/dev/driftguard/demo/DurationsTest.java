package dev.driftguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void showsMillisecondsTenthsOfSecondsAndMinutes() {
        assertThat(Durations.text(Duration.ofMillis(800))).isEqualTo("800 ms");
        assertThat(Durations.text(Duration.ofMillis(7_000))).isEqualTo("7 s");
        assertThat(Durations.text(Duration.ofMillis(7_040))).isEqualTo("7 s");
        assertThat(Durations.text(Duration.ofMillis(7_060))).isEqualTo("7.1 s");
        assertThat(Durations.text(Duration.ofMillis(59_960))).isEqualTo("1 min");
        assertThat(Durations.text(Duration.ofSeconds(82))).isEqualTo("1 min 22 s");
    }
}
