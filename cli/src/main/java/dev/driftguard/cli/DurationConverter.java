package dev.driftguard.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Durations on the command line: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 1d}, combinations such as
 * {@code 1m30s}, or ISO-8601 ({@code PT10S}). Every duration option of every subcommand uses this one converter.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.startsWith("p")) {
            try {
                return nonNegative(Duration.parse(v.toUpperCase(java.util.Locale.ROOT)), value);
            } catch (DateTimeParseException e) {
                throw invalid(value);
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
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    });
            end = m.end();
        }
        if (v.isEmpty() || end != v.length()) {
            throw invalid(value);
        }
        return total;
    }

    private static Duration nonNegative(Duration d, String value) {
        if (d.isNegative()) {
            throw invalid(value);
        }
        return d;
    }

    private static CommandLine.TypeConversionException invalid(String value) {
        return new CommandLine.TypeConversionException(
                "'" + value + "' is not a duration: use e.g. 500ms, 10s, 5m, 1h30m or ISO-8601 PT10S");
    }
}
