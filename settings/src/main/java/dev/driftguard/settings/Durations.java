package dev.driftguard.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as every driftguard option takes them: {@code 500ms}, {@code 10s}, {@code 5m} (or {@code 5min}), {@code
 * 2h}, {@code 1d}, combinations such as {@code 1m30s}, or ISO-8601 ({@code PT10S}); and written back the same way.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|min|s|m|h|d)");

    private Durations() {}

    /** Parses {@code text}; throws {@link IllegalArgumentException} saying what is wrong and how to write one. */
    public static Duration parse(String text) {
        String v = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            try {
                return nonNegative(Duration.parse(v.toUpperCase(Locale.ROOT)), text);
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        Matcher m = PART.matcher(v);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(
                    switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m", "min" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    });
            end = m.end();
        }
        if (v.isEmpty() || end != v.length()) {
            throw invalid(text);
        }
        return total;
    }

    /**
     * In the syntax {@link #parse} takes, largest units first: 500ms, 10s, 5min, 1h30min (minutes as "min", which
     * cannot be misread as milliseconds).
     */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0ms";
        }
        StringBuilder text = new StringBuilder();
        long millis = duration.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"d", "h", "min", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (millis >= units[i]) {
                text.append(millis / units[i]).append(names[i]);
                millis %= units[i];
            }
        }
        return text.toString();
    }

    private static Duration nonNegative(Duration d, String text) {
        if (d.isNegative()) {
            throw invalid(text);
        }
        return d;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
                "'" + text + "' is not a duration: write e.g. 500ms, 10s, 5m, 1h30m or ISO-8601 PT10S");
    }
}
