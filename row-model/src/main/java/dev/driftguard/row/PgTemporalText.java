package dev.driftguard.row;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's date/time text output under {@code DateStyle = ISO}: {@code YYYY-MM-DD} (at least 4 year digits, years
 * before 1 AD as {@code <1 - year> BC}), times as {@code HH:MM:SS} with a fraction only when non-zero and without
 * trailing zeros.
 */
final class PgTemporalText {

    static final String INFINITY = "infinity";
    static final String NEGATIVE_INFINITY = "-infinity";

    private static final Pattern PG_TIMESTAMP =
            Pattern.compile("(\\d{4,})-(\\d{2})-(\\d{2})(?:[ T](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,6}))?)?( BC)?");

    private static final Pattern PG_TIMESTAMPTZ = Pattern.compile(
            "(\\d{4,}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?)([+-])(\\d{2})(?::(\\d{2}))?(?::(\\d{2}))?( BC)?");

    private PgTemporalText() {}

    /**
     * The UTC wall-clock time of PostgreSQL's timestamptz text ({@code 2024-01-02 03:04:05.5+05:30}, {@code 0044-03-15
     * 10:00:00-00:25:21 BC}), or null for other shapes.
     */
    static LocalDateTime parseOffsetToUtc(String text) {
        Matcher m = PG_TIMESTAMPTZ.matcher(text);
        if (!m.matches()) {
            return null;
        }
        LocalDateTime local = parseLocal(m.group(1) + (m.group(6) == null ? "" : m.group(6)));
        long offsetSeconds = Long.parseLong(m.group(3)) * 3600
                + (m.group(4) == null ? 0 : Long.parseLong(m.group(4)) * 60)
                + (m.group(5) == null ? 0 : Long.parseLong(m.group(5)));
        return local.minusSeconds("-".equals(m.group(2)) ? -offsetSeconds : offsetSeconds);
    }

    static String date(LocalDate date) {
        StringBuilder out = new StringBuilder(16);
        appendDate(out, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
        if (date.getYear() <= 0) {
            out.append(" BC");
        }
        return out.toString();
    }

    static String timestamp(LocalDateTime dateTime) {
        StringBuilder out = new StringBuilder(32);
        appendDate(out, dateTime.getYear(), dateTime.getMonthValue(), dateTime.getDayOfMonth());
        out.append(' ');
        appendTime(out, dateTime.getHour(), dateTime.getMinute(), dateTime.getSecond(), microsOf(dateTime.getNano()));
        if (dateTime.getYear() <= 0) {
            out.append(" BC");
        }
        return out.toString();
    }

    static String time(int hour, int minute, int second, int micros) {
        StringBuilder out = new StringBuilder(16);
        appendTime(out, hour, minute, second, micros);
        return out.toString();
    }

    /** Microseconds of a nanosecond fraction; PostgreSQL stores microseconds, so finer values are not ours. */
    static int microsOf(int nanos) {
        if (nanos % 1000 != 0) {
            throw new IllegalArgumentException("PostgreSQL date/time values have microsecond precision, got " + nanos
                    + " nanoseconds (a value that did not come from PostgreSQL)");
        }
        return nanos / 1000;
    }

    /** Proleptic year (0 = 1 BC) from an era-based year. */
    static int prolepticYear(boolean bc, int yearOfEra) {
        return bc ? 1 - yearOfEra : yearOfEra;
    }

    /**
     * Parses PostgreSQL ISO text ({@code 2024-01-02}, {@code 2024-01-02 03:04:05.5}, {@code 0044-03-15 BC}) or
     * java.time ISO ({@code -0043-03-15T10:00}); returns null for other shapes.
     */
    static LocalDateTime parseLocal(String text) {
        Matcher m = PG_TIMESTAMP.matcher(text);
        if (m.matches()) {
            int year = prolepticYear(m.group(8) != null, Integer.parseInt(m.group(1)));
            LocalDate date = LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (m.group(4) == null) {
                return date.atStartOfDay();
            }
            String fraction = m.group(7) == null ? "" : m.group(7);
            int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
            return date.atTime(
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), nanos);
        }
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).atStartOfDay();
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static void appendDate(StringBuilder out, int prolepticYear, int month, int day) {
        int year = prolepticYear > 0 ? prolepticYear : 1 - prolepticYear;
        pad(out, year, 4);
        out.append('-');
        pad(out, month, 2);
        out.append('-');
        pad(out, day, 2);
    }

    private static void appendTime(StringBuilder out, int hour, int minute, int second, int micros) {
        pad(out, hour, 2);
        out.append(':');
        pad(out, minute, 2);
        out.append(':');
        pad(out, second, 2);
        if (micros != 0) {
            StringBuilder fraction = new StringBuilder(6);
            pad(fraction, micros, 6);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(fraction, 0, end);
        }
    }

    private static void pad(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }
}
