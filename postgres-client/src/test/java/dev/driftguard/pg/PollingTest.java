package dev.driftguard.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollingTest {

    @Test
    void aStateReachedAtTheFirstLookReturnsWithoutSleeping() throws Exception {
        long started = System.nanoTime();
        assertThat(Polling.until(Duration.ofSeconds(10), Duration.ofSeconds(5), () -> true))
                .isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aStateReachedLaterIsLookedAtEveryIntervalUntilThen() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        assertThat(Polling.until(Duration.ofSeconds(10), Duration.ofMillis(1), () -> looks.incrementAndGet() == 3))
                .isTrue();
        assertThat(looks).hasValue(3);
    }

    @Test
    void aStateNeverReachedReturnsFalseOnceTheTimeoutHasPassed() throws Exception {
        long started = System.nanoTime();
        assertThat(Polling.until(Duration.ofMillis(50), Duration.ofMillis(5), () -> false))
                .isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void anExceptionOfTheCheckEndsTheWait() {
        assertThatThrownBy(() -> Polling.until(Duration.ofSeconds(10), Duration.ofMillis(1), () -> {
                    throw new IOException("unreadable");
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("unreadable");
    }
}
