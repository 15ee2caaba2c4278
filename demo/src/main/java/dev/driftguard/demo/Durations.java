package dev.driftguard.demo;

import java.time.Duration;
import java.util.Locale;

/** How the demo shows durations to people: {@code 800 ms}, {@code 5.3 s}, {@code 45 s}, {@code 2 min 5 s}. */
public final class Durations {

    private Durations() {}

    public static String text(Duration d) {
        long millis = d.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 59_950) {
            String tenths = String.format(Locale.ROOT, "%.1f", millis / 1_000.0);
            return (tenths.endsWith(".0") ? tenths.substring(0, tenths.length() - 2) : tenths) + " s";
        }
        long seconds = Math.round(millis / 1_000.0);
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds / 60 + " min " + seconds % 60 + " s";
    }
}
