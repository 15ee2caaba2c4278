package dev.driftguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.avro.ValidationStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void showsCountsLagAndHowOldTheLastEventOfEachSideIs() {
        String line = StatusLine.of(status(12L, NOW.minusSeconds(3), NOW.minusSeconds(600)), NOW);

        assertThat(line)
                .matches("\\[\\d\\d:\\d\\d:\\d\\d] .*")
                .contains("events source 10 target 9 | keys 8 | open drifts 2")
                .contains("lag p50 12ms p99 40ms max 50ms")
                .contains("last event source 3s ago, target 10min ago");
    }

    @Test
    void saysSoWhenThereIsNoLagSampleOrEventYet() {
        String line = StatusLine.of(status(null, null, null), NOW);

        assertThat(line).contains("| lag - |").contains("last event source none, target none");
    }

    private static ValidationStatus status(Long p50, Instant lastSource, Instant lastTarget) {
        return ValidationStatus.newBuilder()
                .setMigration("m1")
                .setSchema$(null)
                .setTable(null)
                .setEmittedAtMicros(NOW)
                .setOpenDrifts(2)
                .setEventsSource(10)
                .setEventsTarget(9)
                .setKeysTracked(8)
                .setLagP50Millis(p50)
                .setLagP99Millis(p50 == null ? null : 40L)
                .setLagMaxMillis(p50 == null ? null : 50L)
                .setLastEventSourceMicros(lastSource)
                .setLastEventTargetMicros(lastTarget)
                .build();
    }
}
