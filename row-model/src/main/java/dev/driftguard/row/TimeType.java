package dev.driftguard.row;

import java.time.LocalTime;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** time (without time zone): {@code HH:MM:SS[.ffffff]}, fraction without trailing zeros, {@code 24:00:00} allowed. */
final class TimeType implements CanonicalType {

    static final TimeType INSTANCE = new TimeType();

    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final Pattern TEXT = Pattern.compile("(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,6}))?");

    private TimeType() {}

    @Override
    public TypeFamily family() {
        return TypeFamily.TIME;
    }

    @Override
    public String canonical(Object javaValue) {
        Object value = JavaValues.unwrap(javaValue);
        if (value instanceof LocalTime time) {
            // pgjdbc maps 24:00:00 to LocalTime.MAX
            if (time.equals(LocalTime.MAX)) {
                return "24:00:00";
            }
            return PgTemporalText.time(
                    time.getHour(), time.getMinute(), time.getSecond(), PgTemporalText.microsOf(time.getNano()));
        }
        if (value instanceof java.sql.Time time) {
            // java.sql.Time carries milliseconds only: read time columns with getObject(i, LocalTime.class)
            GregorianCalendar calendar = new GregorianCalendar();
            calendar.setTime(time);
            return PgTemporalText.time(
                    calendar.get(Calendar.HOUR_OF_DAY),
                    calendar.get(Calendar.MINUTE),
                    calendar.get(Calendar.SECOND),
                    calendar.get(Calendar.MILLISECOND) * 1000);
        }
        if (value instanceof String text) {
            Matcher m = TEXT.matcher(text);
            if (!m.matches()) {
                throw JavaValues.invalid("time", value, "expected HH:MM:SS[.ffffff]", null);
            }
            String fraction = m.group(4) == null ? "" : m.group(4);
            long micros =
                    (Long.parseLong(m.group(1)) * 3600 + Long.parseLong(m.group(2)) * 60 + Long.parseLong(m.group(3)))
                                    * 1_000_000L
                            + (fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000").substring(0, 6)));
            return canonicalFromMicrosOfDay(micros);
        }
        if (value instanceof Long || value instanceof Integer) {
            throw JavaValues.invalid(
                    "time",
                    value,
                    "a bare number is ambiguous; use canonicalFromMicrosOfDay for Debezium io.debezium.time.MicroTime",
                    null);
        }
        throw JavaValues.unsupported(
                "time", value, "LocalTime, java.sql.Time (ms precision), String; micros via canonicalFromMicrosOfDay");
    }

    @Override
    public String canonicalFromMicrosOfDay(long microsOfDay) {
        if (microsOfDay < 0 || microsOfDay > MICROS_PER_DAY) {
            throw JavaValues.invalid("time", microsOfDay, "microseconds of day must be within 0..86400000000", null);
        }
        long seconds = microsOfDay / 1_000_000L;
        return PgTemporalText.time((int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60), (int)
                (microsOfDay % 1_000_000L));
    }

    @Override
    public String sqlExpression(String quotedColumnRef) {
        return "(" + quotedColumnRef + ")::text";
    }
}
