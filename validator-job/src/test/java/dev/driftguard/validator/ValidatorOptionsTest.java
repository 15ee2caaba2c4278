package dev.driftguard.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValidatorOptionsTest {

    @Test
    void defaultsAreUsable() {
        ValidatorOptions options = ValidatorOptions.builder("orders-2024.v1").build();
        assertThat(options.migration()).isEqualTo("orders-2024.v1");
        assertThat(options.tolerance()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.privacyMode()).isFalse();
        assertThat(options.parallelism()).isZero();
    }

    @Test
    void aMigrationIdThatCannotNameATopicIsRejected() {
        assertThatThrownBy(() -> ValidatorOptions.builder("orders 2024").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'orders 2024'")
                .hasMessageContaining("[A-Za-z0-9._-]");
        assertThatThrownBy(() -> ValidatorOptions.builder(null).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aZeroToleranceIsRejected() {
        assertThatThrownBy(() ->
                        ValidatorOptions.builder("m").tolerance(Duration.ZERO).build())
                .hasMessageContaining("tolerance (--tolerance) must be at least 1ms, got 0ms");
    }

    @Test
    void theRetentionMustOutlastTheTolerance() {
        assertThatThrownBy(() -> ValidatorOptions.builder("m")
                        .tolerance(Duration.ofMinutes(5))
                        .idleKeyRetention(Duration.ofMinutes(5))
                        .build())
                .hasMessageContaining(
                        "idle key retention (--idle-key-retention) 5min must be longer than the tolerance (--tolerance) 5min");
    }

    @Test
    void theLagWindowMustCoverAStatusInterval() {
        assertThatThrownBy(() -> ValidatorOptions.builder("m")
                        .statusInterval(Duration.ofMinutes(10))
                        .lagWindow(Duration.ofMinutes(1))
                        .build())
                .hasMessageContaining(
                        "lag window (--lag-window) 1min is shorter than the status interval (--status-interval) 10min");
    }

    @Test
    void aNegativeParallelismIsRejected() {
        assertThatThrownBy(() -> ValidatorOptions.builder("m").parallelism(-1).build())
                .hasMessageContaining("parallelism");
    }
}
